/**
 * Raw shapes of the USAJOBS Search API (`GET /api/Search`), as the real responses carry them.
 *
 * Deliberately permissive: only the envelope (`SearchResult.SearchResultItems`) is checked at run time, by the
 * client. Everything inside an item is typed as what has actually been observed across 2016–2025 captures
 * (see docs/usajobs-api.md §5 and §9): numbers and booleans that arrive as strings, keys that come and go, free
 * text in fields named like codes. The transform layer normalises; nothing here should be trusted further than
 * these types say.
 */

/** Any JSON scalar, or a missing key: what a loosely specified field can hold in real data. */
export type RawScalar = string | number | boolean | null | undefined;

/** `{Name, Code}` pairs (JobCategory, PositionSchedule, PositionOfferingType, WhoMayApply). Use Code; Name can be
 * empty or unrelated free text. */
export interface RawCodeName {
  Name?: RawScalar;
  Code?: RawScalar;
  [key: string]: unknown;
}

/** One place of duty. Lists can hold over a thousand entries, sorted by LocationName, not by relevance. */
export interface RawPositionLocation {
  LocationName?: RawScalar;
  /** A country *name* ("United States"), despite the key. */
  CountryCode?: RawScalar;
  /** A state *name* ("Illinois"), "N/A" for negotiable locations; absent for foreign ones. */
  CountrySubDivisionCode?: RawScalar;
  /** Same text as LocationName in practice ("Chicago, Illinois"); older data had leading spaces. */
  CityName?: RawScalar;
  /** Numbers in all captures, `0` for "negotiable"; some clients still accept strings. */
  Longitude?: RawScalar;
  Latitude?: RawScalar;
  [key: string]: unknown;
}

/** Pay as published. Ranges are decimal *strings* ("77490", "32318.0000", "0.0"). */
export interface RawPositionRemuneration {
  MinimumRange?: RawScalar;
  MaximumRange?: RawScalar;
  /** "PA"/"PH"/… since 2024; "Per Year"/"Per Hour"/"Bi-weekly"/"Without Compensation" before. */
  RateIntervalCode?: RawScalar;
  /** Present from 2024 on ("Per Year"). */
  Description?: RawScalar;
  [key: string]: unknown;
}

/** The search-teaser placeholder; not the job description. */
export interface RawFormattedDescription {
  Label?: RawScalar;
  LabelDescription?: RawScalar;
  /** Only in 2016 data, with `<c0>` highlight tags. */
  Content?: RawScalar;
  [key: string]: unknown;
}

/**
 * `MatchedObjectDescriptor.UserArea.Details`. In 2016 only JobSummary, WhoMayApply, LowGrade and HighGrade were
 * present; 2021+ responses carry ~40 keys. String booleans ("True") and string numbers ("13", "Many") abound.
 */
export interface RawJobDetails {
  JobSummary?: RawScalar;
  WhoMayApply?: RawCodeName | null;
  /** Grade within the pay plan of JobGrade: "13", "05", "5", "00", "J", "" … */
  LowGrade?: RawScalar;
  HighGrade?: RawScalar;
  PromotionPotential?: RawScalar;
  OrganizationCodes?: RawScalar;
  Relocation?: RawScalar;
  HiringPath?: RawScalar[] | null;
  MCOTags?: RawScalar[] | null;
  TotalOpenings?: RawScalar;
  AgencyMarketingStatement?: RawScalar;
  TravelCode?: RawScalar;
  ApplyOnlineUrl?: RawScalar;
  DetailStatusUrl?: RawScalar;
  MajorDuties?: RawScalar[] | null;
  Education?: RawScalar;
  Requirements?: RawScalar;
  Evaluations?: RawScalar;
  HowToApply?: RawScalar;
  WhatToExpectNext?: RawScalar;
  RequiredDocuments?: RawScalar;
  Benefits?: RawScalar;
  BenefitsUrl?: RawScalar;
  BenefitsDisplayDefaultText?: RawScalar;
  OtherInformation?: RawScalar;
  KeyRequirements?: RawScalar[] | null;
  WithinArea?: RawScalar;
  CommuteDistance?: RawScalar;
  ServiceType?: RawScalar;
  AnnouncementClosingType?: RawScalar;
  AgencyContactEmail?: RawScalar;
  AgencyContactPhone?: RawScalar;
  AgencyContactWebsite?: RawScalar;
  SecurityClearance?: RawScalar;
  DrugTestRequired?: RawScalar;
  /** Misspelled by the API; kept as sent. */
  PositionSensitivitiy?: RawScalar;
  AdjudicationType?: RawScalar[] | null;
  TeleworkEligible?: RawScalar;
  /** A real boolean in captured data; filters accept "True" too. */
  RemoteIndicator?: RawScalar;
  FinancialDisclosure?: RawScalar;
  BargainingUnitStatus?: RawScalar;
  BargainingUnitStatusAdditionalText?: RawScalar;
  /** Odd casing is the API's. */
  PreviewQuestionnaireurl?: RawScalar;
  SubAgencyName?: RawScalar;
  AppointmentExplanationText?: RawScalar;
  [key: string]: unknown;
}

/** `MatchedObjectDescriptor.UserArea`. */
export interface RawDescriptorUserArea {
  Details?: RawJobDetails | null;
  IsRadialSearch?: RawScalar;
  [key: string]: unknown;
}

/** The job itself. */
export interface MatchedObjectDescriptor {
  /** Agency announcement number; not unique across items, may contain spaces. */
  PositionID?: RawScalar;
  PositionTitle?: RawScalar;
  /** Carries an explicit `:443`; `/GetJob/ViewDetails/<id>` until 2024, `/job/<id>` since 2025. */
  PositionURI?: RawScalar;
  ApplyURI?: RawScalar[] | null;
  /** Human text ("Multiple Locations", "Anywhere in the U.S. (remote job)"); absent in 2016 data. */
  PositionLocationDisplay?: RawScalar;
  PositionLocation?: RawPositionLocation[] | null;
  OrganizationName?: RawScalar;
  /** Can be "". */
  DepartmentName?: RawScalar;
  /** 2025+, on some items only. */
  SubAgency?: RawScalar;
  JobCategory?: RawCodeName[] | null;
  /** The pay *plan* ("GS", "FV"…), not the grade. */
  JobGrade?: RawCodeName[] | null;
  PositionSchedule?: RawCodeName[] | null;
  PositionOfferingType?: RawCodeName[] | null;
  QualificationSummary?: RawScalar;
  PositionRemuneration?: RawPositionRemuneration[] | null;
  /** Timestamps without offset ("2024-06-06T00:00:00.0000"), bare dates (2021) or with Z (2016). */
  PositionStartDate?: RawScalar;
  PositionEndDate?: RawScalar;
  PublicationStartDate?: RawScalar;
  ApplicationCloseDate?: RawScalar;
  PositionFormattedDescription?: RawFormattedDescription[] | null;
  UserArea?: RawDescriptorUserArea | null;
  [key: string]: unknown;
}

/** One hit of a search. */
export interface SearchResultItem {
  /** The USAJOBS control number, a digit string ("840956600"): the stable identity of a posting. */
  MatchedObjectId: string;
  MatchedObjectDescriptor: MatchedObjectDescriptor;
  /** 0 since 2021, floats in 2016; meaningless for ordering. */
  RelevanceRank?: RawScalar;
  [key: string]: unknown;
}

/** `SearchResult.UserArea`. */
export interface SearchResultUserArea {
  /** A *string*, and unreliable (2016 computed it at 25 a page whatever was asked). Never page by it. */
  NumberOfPages?: RawScalar;
  IsRadialSearch?: RawScalar;
  /** 2025, radial searches only. */
  ResolvedLocation?: RawScalar[] | null;
  Refiners?: unknown;
  [key: string]: unknown;
}

/** `SearchResult`. */
export interface SearchResult {
  /** Items in this page. */
  SearchResultCount?: RawScalar;
  /** Matches of the whole query, clipped at 10,000. */
  SearchResultCountAll?: RawScalar;
  SearchResultItems: SearchResultItem[];
  UserArea?: SearchResultUserArea | null;
  [key: string]: unknown;
}

/** A whole `GET /api/Search` response body. */
export interface SearchResponse {
  LanguageCode?: RawScalar;
  /** Always `{}` in practice: the API does not echo the query. */
  SearchParameters?: Record<string, unknown> | null;
  SearchResult: SearchResult;
  [key: string]: unknown;
}

/** One entry of a code list (`/api/codelist/<name>`). */
export interface RawCodeListValue {
  Code?: RawScalar;
  Value?: RawScalar;
  /** Occupational series only: the family, e.g. `2200`. */
  JobFamily?: RawScalar;
  /** `Yes` for retired codes. */
  IsDisabled?: RawScalar;
  LastModified?: RawScalar;
  [key: string]: unknown;
}

/** A whole code list response: `{CodeList: [{ValidValue: [...], id}], DateGenerated}`. */
export interface CodeListResponse {
  CodeList: { ValidValue: RawCodeListValue[]; id?: RawScalar; [key: string]: unknown }[];
  DateGenerated?: RawScalar;
  [key: string]: unknown;
}
