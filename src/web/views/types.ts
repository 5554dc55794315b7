/** The shapes the templates render: every text already in the page's language and format. */

/** One cell: text (escaped by the template), an optional link, and a mark such as "*" (provisional). */
export interface Cell {
  text: string;
  href?: string;
  /** A link away from the dashboard (a post on a platform). */
  external?: boolean;
  /** A row header (th scope="row"). */
  th?: boolean;
  numeric?: boolean;
  cls?: string;
  mark?: string;
  markTitle?: string;
}

/** A column header, with its sort link when the table sorts on the server. */
export interface Column {
  label: string;
  numeric?: boolean;
  href?: string;
  /** aria-sort of the column the table is sorted by. */
  sort?: 'ascending' | 'descending';
  sortMark?: string;
}

export interface Row {
  cells: Cell[];
  /** Lower-case name the search box filters on (league table only). */
  name?: string;
}

export interface Body {
  title?: string;
  rows: Row[];
  /** Shown as the only row when there are none. */
  empty?: string;
}

export interface Download {
  label: string;
  href: string;
}

export interface TableView {
  id?: string;
  caption: string;
  columns: Column[];
  bodies: Body[];
  searchable?: boolean;
  downloads?: Download[];
  downloadLabel?: string;
}

/** A select of the filter form. */
export interface SelectView {
  name: string;
  label: string;
  options: { value: string; label: string; selected: boolean }[];
}

/** The GET form of filters: selects, the period's dates, and the parameters it keeps. */
export interface FormView {
  action: string;
  legend: string;
  selects: SelectView[];
  since: string;
  until: string;
  sinceLabel: string;
  untilLabel: string;
  submit: string;
  hidden: { name: string; value: string }[];
}

/** What the layout shows around a page. */
export interface LayoutView {
  lang: string;
  otherLang: string;
  title: string;
  nonce: string;
  homeHref: string;
  langHref: string;
  footer: string[];
}

/** A key figure: label, value, and a mark when it is provisional. */
export interface Kpi {
  label: string;
  value: string;
  mark?: string;
  markTitle?: string;
}

/** A chart: the SVG (made by the server, its texts escaped there) and the table behind it. */
export interface ChartView {
  svg: string;
  summary: string;
  table: TableView;
}
