import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';

/** One code of a USAJOBS code list. */
@modelOptions({ schemaOptions: { _id: false } })
export class CodeListCode {
  @prop({ type: String, required: true })
  code!: string;

  @prop({ type: String, default: '' })
  value!: string;

  /** Retired (`IsDisabled: Yes`); older postings may still carry it. */
  @prop({ type: Boolean, default: false })
  disabled!: boolean;
}

/**
 * A USAJOBS code list as last fetched (collection `code_lists`), e.g. `occupationalseries`: the runs split searches
 * by its codes, and the lists change rarely, so one fetch serves many runs.
 */
@modelOptions({ schemaOptions: { collection: 'code_lists', versionKey: false } })
export class CodeList {
  /** The list's name, lower case, as in `/api/codelist/<name>`. */
  @prop({ type: String, required: true })
  _id!: string;

  @prop({ type: () => [CodeListCode], default: [] })
  codes!: CodeListCode[];

  @prop({ type: Date, required: true })
  fetchedAt!: Date;
}

export const CodeListModel = getModelForClass(CodeList);
