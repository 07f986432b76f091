import { type Sort, SORT_FIELDS, type SortDirection, type SortField } from '../lib/filters';

/** Order of the results: a field and a direction, applied as soon as either changes. */
export function SortControl({ sort, onChange }: { sort: Sort; onChange: (sort: Sort) => void }) {
  return (
    <div class="sort-control" role="group" aria-label="Sort results">
      <div class="field field-inline">
        <label for="sort-field">Sort by</label>
        <select
          id="sort-field"
          value={sort.field}
          onChange={(event) =>
            onChange({ ...sort, field: (event.currentTarget as HTMLSelectElement).value as SortField })
          }
        >
          {SORT_FIELDS.map((field) => (
            <option key={field.value} value={field.value}>
              {field.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field field-inline">
        <label for="sort-direction">Order</label>
        <select
          id="sort-direction"
          value={sort.direction}
          onChange={(event) =>
            onChange({
              ...sort,
              direction: (event.currentTarget as HTMLSelectElement).value as SortDirection,
            })
          }
        >
          <option value="DESC">
            {sort.field === 'POSITION_TITLE' ? 'Z to A' : 'Highest / latest first'}
          </option>
          <option value="ASC">
            {sort.field === 'POSITION_TITLE' ? 'A to Z' : 'Lowest / earliest first'}
          </option>
        </select>
      </div>
    </div>
  );
}
