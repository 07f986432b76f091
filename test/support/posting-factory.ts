import type { MatchedObjectDescriptor, SearchResultItem } from '../../src/usajobs/usajobs.types';
import { buildChicagoFixture } from './usajobs-fixtures';

/** Details keys the ETL does not read and that make a real item ~30 KB: left out of generated postings. */
const BULKY_DETAILS = [
  'MajorDuties',
  'Education',
  'Requirements',
  'Evaluations',
  'HowToApply',
  'WhatToExpectNext',
  'RequiredDocuments',
  'Benefits',
  'OtherInformation',
  'KeyRequirements',
  'AgencyMarketingStatement',
];

let template: SearchResultItem | undefined;

/**
 * An open posting (posted 3 days ago, closing in 27) cloned from the Chicago fixture's "Data Engineer" (GS-12,
 * Chicago, "data engineering" in its summary): it fits the default search profile. Series 2210, agency TR/TR93;
 * bulky text left out, so tens of thousands stay light.
 *
 * @param id - control number
 * @param patch - changes to its descriptor (a private copy)
 */
export function openPosting(
  id: number | string,
  patch?: (descriptor: MatchedObjectDescriptor) => void,
): SearchResultItem {
  template ??= slim(buildChicagoFixture().items[0]!);
  const item = structuredClone(template);
  const controlNumber = String(id);
  const d = item.MatchedObjectDescriptor;
  item.MatchedObjectId = controlNumber;
  d.PositionID = `DE-${controlNumber}`;
  d.PositionURI = `https://www.usajobs.gov/job/${controlNumber}`;
  d.ApplyURI = [`https://www.usajobs.gov/job/${controlNumber}/apply`];
  d.JobCategory = [{ Name: 'Information Technology Management', Code: '2210' }];
  d.UserArea!.Details!.OrganizationCodes = 'TR/TR93';
  patch?.(d);
  return item;
}

function slim(item: SearchResultItem): SearchResultItem {
  const copy = structuredClone(item);
  const details = copy.MatchedObjectDescriptor.UserArea?.Details as Record<string, unknown> | undefined;
  for (const key of BULKY_DETAILS) if (details) delete details[key];
  if (details) details.JobSummary = 'Design, build and run data engineering pipelines.';
  copy.MatchedObjectDescriptor.QualificationSummary = 'One year of specialized experience at GS-11.';
  delete (copy.MatchedObjectDescriptor as Record<string, unknown>).PositionFormattedDescription;
  return copy;
}
