/** Wire shapes of the Timesketch API v1 as far as the UI reads them (see docs/timesketch-api.md). */

export interface User {
  id: number
  username: string
  name?: string
  admin?: boolean
  groups?: { name: string }[]
}

export interface Status {
  status: string
  created_at?: string
  updated_at?: string
}

export interface DataSource {
  id: number
  provider?: string
  original_filename?: string
  data_label?: string
  error_message?: string
  total_file_events?: number
  file_size?: number
  status?: Status[]
  created_at?: string
}

export interface Timeline {
  id: number
  name: string
  description?: string
  color: string
  status: Status[]
  searchindex: { id: number; index_name: string; name?: string; status?: Status[] }
  datasources?: DataSource[]
  created_at?: string
  updated_at?: string
}

export interface SketchSummary {
  id: number
  name: string
  description: string
  created_at?: string
  last_activity?: string
  user: string
  status: string
}

export interface Sketch {
  id: number
  name: string
  description: string
  user?: User
  timelines: Timeline[]
  active_timelines?: Timeline[]
  status: Status[]
  all_permissions?: string
  my_permissions?: string
  label_string?: string
  created_at?: string
  updated_at?: string
}

export interface ViewSummary {
  id: number
  name: string
  description?: string
  query?: string
  filter?: string
  user?: string
  created_at?: string
}

export interface SketchMeta {
  aggregators?: Record<string, { display_name?: string; description?: string; form_fields?: FormField[] }>
  views?: ViewSummary[]
  stories?: { id: number; title: string; user?: string; created_at?: string; updated_at?: string }[]
  permissions?: { public?: boolean; read?: boolean; write?: boolean; delete?: boolean }
  collaborators?: { users: string[]; groups: string[] }
  mappings?: { field: string; type: string }[]
  stats_per_timeline?: Record<string, { count: number }>
  /** sketch attributes by name (contract §3.7); `intelligence` holds the threat intelligence */
  attributes?: Record<string, { value: unknown; ontology?: string }>
  last_activity?: string
}

export interface FormField {
  type: string
  name: string
  label?: string
  placeholder?: string
  default_value?: unknown
  options?: unknown[]
  options_without_values?: boolean
}

export interface Chip {
  field: string
  type: 'term' | 'label' | 'datetime_range' | 'datetime_interval'
  operator: 'must' | 'must_not' | 'should'
  active: boolean
  value: string
}

export interface QueryFilter {
  indices: (number | string)[] | string
  chips: Chip[]
  order: 'asc' | 'desc'
  size?: number
  from?: number
  terminate_after?: number
  fields?: { field: string }[]
}

export interface EventHit {
  _id: string
  _index: string
  sort?: unknown[]
  _source: Record<string, any>
}

export interface ExploreMeta {
  es_time?: number
  es_total_count?: number
  es_total_count_complete?: number
  timeline_colors?: Record<string, string>
  timeline_names?: Record<string, string>
  count_per_index?: Record<string, number>
  count_per_timeline?: Record<string, number>
  count_over_time?: { data: Record<string, number>; interval: string }
  scroll_id?: string
  total_count?: number
  /** the search history node the search was recorded as (first pages only) */
  search_node?: { id: number }
}

export interface ExploreResponse {
  objects: EventHit[]
  meta: ExploreMeta
}

export interface Comment {
  id: number
  comment: string
  user?: { id?: number; username: string }
  created_at?: string
  updated_at?: string
}

export interface SavedView {
  id: number
  name: string
  description?: string
  query_string: string
  query_filter: string
  query_dsl?: string
  user?: { username: string }
  created_at?: string
}

export interface AggregatorInfo {
  name: string
  display_name?: string
  description?: string
  fields?: { name: string; description?: string; type?: string }[]
}

export interface AggregationResponse {
  meta: {
    chart_type?: string
    name?: string
    description?: string
    vega_spec?: Record<string, unknown>
    vega_chart_title?: string
    es_time?: number
  }
  objects: Record<string, { buckets?: Record<string, unknown>[] }>[]
}

export interface SavedAggregation {
  id: number
  name: string
  description?: string
  agg_type: string
  parameters: string
  chart_type?: string
  user?: { username: string }
  created_at?: string
}

export interface StoryBlock {
  componentName: '' | 'TsViewEventList' | 'TsAggregationCompact' | 'TsAggregationGroupCompact'
  componentProps: Record<string, any>
  content: string
  edit: boolean
  showPanel: boolean
  isActive: boolean
}

export interface Story {
  id: number
  title: string
  content: string
  user?: { username: string }
  created_at?: string
  updated_at?: string
}
