/**
 * Typed calls of the Timesketch API v1 endpoints the UI uses. Each function is a thin translation
 * of one exchange of the wire contract; envelope quirks (nested lists, JSON-encoded strings) are
 * resolved here so that views see plain values.
 */
import { api, ApiError, upload } from './http'
import type {
  AggregationResponse,
  AggregatorInfo,
  Comment,
  EventHit,
  ExploreResponse,
  QueryFilter,
  SavedAggregation,
  SavedView,
  Sketch,
  SketchMeta,
  SketchSummary,
  Story,
  StoryBlock,
  Timeline,
  User,
} from './types'
import type { SketchPrefs, UserPrefs } from '../model/prefs'
import type { ManualEventBody } from '../model/manualEvent'
import type { HistoryNode } from '../model/history'
import { valueCounts, type Indicator, type ValueCount } from '../model/panels'

const V1 = '/api/v1'

/** `objects: [[a, b]]` (model lists), `objects: [a, b]` (hand-built lists) and `objects: []` alike. */
export function listOf<T>(objects: unknown): T[] {
  if (!Array.isArray(objects) || objects.length === 0) return []
  if (Array.isArray(objects[0])) return objects[0] as T[]
  return objects as T[]
}

/** Parses a JSON-encoded string field (label_string, permissions, parameters) leniently. */
export function jsonField<T>(value: unknown, fallback: T): T {
  if (value === '' || value === null || value === undefined) return fallback
  if (typeof value !== 'string') return value as T
  try {
    return JSON.parse(value) as T
  } catch {
    return fallback
  }
}

export async function currentUser(): Promise<User> {
  const r = await api(`${V1}/users/me/`)
  return listOf<User>(r.objects)[0]
}

export async function getUserPreferences(): Promise<UserPrefs> {
  const r = await api(`${V1}/users/me/preferences/`)
  return listOf<UserPrefs>(r.objects)[0]
}

export async function putUserPreferences(patch: Partial<UserPrefs>): Promise<UserPrefs> {
  const r = await api(`${V1}/users/me/preferences/`, { method: 'PUT', body: patch })
  return listOf<UserPrefs>(r.objects)[0]
}

export async function getSketchPreferences(sketchId: number): Promise<SketchPrefs> {
  const r = await api(`${V1}/sketches/${sketchId}/preferences/`)
  return listOf<SketchPrefs>(r.objects)[0]
}

export async function putSketchPreferences(sketchId: number, patch: Partial<SketchPrefs>): Promise<SketchPrefs> {
  const r = await api(`${V1}/sketches/${sketchId}/preferences/`, { method: 'PUT', body: patch })
  return listOf<SketchPrefs>(r.objects)[0]
}

export async function listSketches(params: {
  scope?: string
  search?: string
  page?: number
  perPage?: number
  includeArchived?: boolean
}): Promise<{ sketches: SketchSummary[]; totalItems: number; totalPages: number }> {
  const q = new URLSearchParams({
    scope: params.search ? 'search' : (params.scope ?? 'user'),
    page: String(params.page ?? 1),
    per_page: String(params.perPage ?? 50),
    include_archived: params.includeArchived ? 'True' : 'False',
  })
  if (params.search) q.set('search_query', params.search)
  const r = await api(`${V1}/sketches/?${q}`)
  const sketches = listOf<SketchSummary>(r.objects)
  return {
    sketches,
    totalItems: r.meta?.total_items ?? sketches.length,
    totalPages: r.meta?.total_pages ?? 1,
  }
}

export async function createSketch(name: string, description: string): Promise<Sketch> {
  const r = await api(`${V1}/sketches/`, { body: { name, description: description || name } })
  return listOf<Sketch>(r.objects)[0]
}

export async function getSketch(id: number): Promise<{ sketch: Sketch; meta: SketchMeta }> {
  const r = await api(`${V1}/sketches/${id}/`)
  return { sketch: listOf<Sketch>(r.objects)[0], meta: r.meta ?? {} }
}

export async function updateSketch(id: number, body: { name?: string; description?: string }): Promise<void> {
  await api(`${V1}/sketches/${id}/`, { body })
}

export async function archiveSketch(id: number, action: 'archive' | 'unarchive'): Promise<void> {
  await api(`${V1}/sketches/${id}/archive/`, { body: { action } })
}

export async function isArchived(id: number): Promise<boolean> {
  const r = await api(`${V1}/sketches/${id}/archive/`)
  return Boolean(r.meta?.is_archived)
}

export async function deleteSketch(id: number): Promise<void> {
  await api(`${V1}/sketches/${id}/`, { method: 'DELETE' })
}

export async function updateCollaborators(
  id: number,
  body: {
    users?: string[]
    groups?: string[]
    remove_users?: string[]
    remove_groups?: string[]
    public?: 'true' | 'false'
    permissions?: string
  },
): Promise<void> {
  await api(`${V1}/sketches/${id}/collaborators/`, { body })
}

export async function getTimeline(sketchId: number, timelineId: number): Promise<{ timeline: Timeline; linesIndexed?: number }> {
  const r = await api(`${V1}/sketches/${sketchId}/timelines/${timelineId}/`)
  return { timeline: listOf<Timeline>(r.objects)[0], linesIndexed: r.meta?.lines_indexed ?? undefined }
}

export async function updateTimeline(
  sketchId: number,
  timeline: { id: number; name: string; description?: string; color: string },
): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/timelines/${timeline.id}/`, {
    body: { name: timeline.name, description: timeline.description ?? timeline.name, color: timeline.color },
  })
}

export async function deleteTimeline(sketchId: number, timelineId: number): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/timelines/${timelineId}/`, { method: 'DELETE' })
}

/** Files larger than this are sent in chunks of this size (the importer's threshold, contract §11.3). */
export const UPLOAD_CHUNK_BYTES = 104_857_600

/** One POST of an upload: its form fields and the byte range of the file it carries. */
export interface UploadPart {
  fields: Record<string, string>
  start: number
  end: number
}

/**
 * The POSTs that upload a file: one for a file up to `chunkSize`, else one per chunk with the
 * contract's chunk fields (§11.2), sent in order; the server queues the import after the last.
 */
export function uploadParts(sketchId: number, file: { name: string; size: number }, name: string, chunkSize = UPLOAD_CHUNK_BYTES, chunkKey = randomKey()): UploadPart[] {
  const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : ''
  const fields = { name, sketch_id: String(sketchId), data_label: extension, provider: 'Web upload', total_file_size: String(file.size) }
  if (file.size <= chunkSize) return [{ fields, start: 0, end: file.size }]
  const total = Math.ceil(file.size / chunkSize)
  return Array.from({ length: total }, (_, index) => ({
    fields: {
      ...fields,
      chunk_total_chunks: String(total),
      chunk_index_name: chunkKey,
      chunk_index: String(index),
      chunk_byte_offset: String(index * chunkSize),
    },
    start: index * chunkSize,
    end: Math.min(file.size, (index + 1) * chunkSize),
  }))
}

function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Uploads one file as a new timeline (the web UI sends raw CSV/JSONL/plaso files in `file`), in
 * chunks when it is large. A chunk that fails on the network or with a server error is sent again
 * (three tries, like the importer); the server recognises a chunk it already has.
 */
export async function uploadFile(
  sketchId: number,
  file: File,
  name: string,
  onProgress: (sent: number, total: number) => void,
  chunkSize = UPLOAD_CHUNK_BYTES,
): Promise<Timeline | undefined> {
  let timeline: Timeline | undefined
  for (const part of uploadParts(sketchId, file, name, chunkSize)) {
    for (let attempt = 1; ; attempt++) {
      const form = new FormData()
      for (const [key, value] of Object.entries(part.fields)) form.append(key, value)
      form.append('file', part.start === 0 && part.end === file.size ? file : file.slice(part.start, part.end), file.name)
      try {
        const r = await upload(`${V1}/upload/`, form, (sent) => onProgress(part.start + Math.min(sent, part.end - part.start), file.size))
        timeline = listOf<Timeline>(r?.objects)[0] ?? timeline
        break
      } catch (e) {
        const retriable = e instanceof ApiError && (e.status === 0 || e.status >= 500)
        if (!retriable || attempt >= 3) throw e
      }
    }
  }
  onProgress(file.size, file.size)
  return timeline
}

export interface ExploreRequest {
  query: string
  filter: QueryFilter
  dsl?: unknown
  fields?: string
  enable_scroll?: boolean
  scroll_id?: string
  count?: boolean
  /** the search history node this search follows (Timesketch's `parent`) */
  parent?: number
  /** true: the search is not recorded in the search history */
  incognito?: boolean
}

/** A search; `wildcard`: in Timesketch's wildcard mode (`explore_wildcard/`), where `*part*` matches inside values. */
export async function explore(sketchId: number, request: ExploreRequest, signal?: AbortSignal, wildcard = false): Promise<ExploreResponse> {
  const route = wildcard ? 'explore_wildcard' : 'explore'
  const r = await api<ExploreResponse>(`${V1}/sketches/${sketchId}/${route}/`, { body: request, signal })
  return { objects: Array.isArray(r.objects) ? r.objects : [], meta: r.meta ?? {} }
}

export type ExportFormat = 'jsonl' | 'csv'

/**
 * A link to every result of a query as JSON Lines or CSV. The browser saves it as a download
 * streamed to disk, so an export of millions of events never passes through the page's memory.
 */
export function exportUrl(sketchId: number, request: ExploreRequest, format: ExportFormat): string {
  const params = new URLSearchParams({ format, request: JSON.stringify(request) })
  return `${V1}/sketches/${sketchId}/explore/export/?${params}`
}

export type EventRef = Pick<EventHit, '_id' | '_index'>

export async function annotate(
  sketchId: number,
  events: EventRef[],
  annotationType: 'label' | 'comment',
  annotation: string,
  remove = false,
): Promise<any> {
  const body: Record<string, unknown> = {
    annotation,
    annotation_type: annotationType,
    events: events.map((e) => ({ _id: e._id, _index: e._index })),
  }
  if (annotationType === 'label') body.remove = remove
  return api(`${V1}/sketches/${sketchId}/event/annotate/`, { body })
}

export async function tagEvents(sketchId: number, events: EventRef[], tags: string[]): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/event/tagging/`, {
    body: { tag_string: JSON.stringify(tags), events: events.map((e) => ({ _id: e._id, _index: e._index })), verbose: false },
  })
}

export async function untagEvents(sketchId: number, events: EventRef[], tags: string[]): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/event/untag/`, {
    body: { tags_to_remove: tags, events: events.map((e) => ({ _id: e._id, _index: e._index })) },
  })
}

export async function getEvent(
  sketchId: number,
  event: EventRef,
): Promise<{ source: Record<string, any>; comments: Comment[] }> {
  const q = new URLSearchParams({ searchindex_id: event._index, event_id: event._id })
  const r = await api(`${V1}/sketches/${sketchId}/event/?${q}`)
  const objects = r.objects && !Array.isArray(r.objects) ? r.objects : (listOf<Record<string, any>>(r.objects)[0] ?? {})
  return { source: objects, comments: r.meta?.comments ?? [] }
}

/** Changes the text of one of the user's comments on an event (only its author may). */
export async function updateComment(sketchId: number, event: EventRef, commentId: number, text: string): Promise<Comment | undefined> {
  const r = await api(`${V1}/sketches/${sketchId}/event/annotate/`, {
    method: 'PUT',
    body: { annotation: { id: commentId, comment: text }, annotation_type: 'comment', events: [{ _id: event._id, _index: event._index }] },
  })
  return listOf<Comment>(r?.objects)[0]
}

/** Deletes one of the user's comments on an event; the last one's removal takes the comment label off the event. */
export async function deleteComment(sketchId: number, event: EventRef, commentId: number): Promise<void> {
  const q = new URLSearchParams({ annotation_type: 'comment', annotation_id: String(commentId), event_id: event._id, searchindex_id: event._index })
  await api(`${V1}/sketches/${sketchId}/event/annotate/?${q}`, { method: 'DELETE' })
}

/** Adds an event by hand (contract §7.4): it lands in the sketch's "Manual events" timeline, which the server answers. */
export async function addEvent(sketchId: number, body: ManualEventBody): Promise<Timeline> {
  const r = await api(`${V1}/sketches/${sketchId}/event/create/`, { body })
  return listOf<Timeline>(r?.objects)[0]
}

export async function getView(sketchId: number, viewId: number): Promise<SavedView> {
  const r = await api(`${V1}/sketches/${sketchId}/views/${viewId}/`)
  return listOf<SavedView>(r.objects)[0]
}

export async function saveView(
  sketchId: number,
  view: { name: string; description: string; query: string; filter: QueryFilter },
): Promise<SavedView> {
  const r = await api(`${V1}/sketches/${sketchId}/views/`, {
    body: { ...view, dsl: '', labels: '[]' },
  })
  return listOf<SavedView>(r.objects)[0]
}

export async function deleteView(sketchId: number, viewId: number): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/views/${viewId}/`, { method: 'DELETE' })
}

export async function aggregatorInfo(): Promise<AggregatorInfo[]> {
  const r = await api(`${V1}/aggregation/info/`)
  return Array.isArray(r) ? r : listOf<AggregatorInfo>(r?.objects)
}

export async function runAggregator(
  sketchId: number,
  aggregatorName: string,
  parameters: Record<string, unknown>,
  chartType: string,
): Promise<AggregationResponse> {
  return api(`${V1}/sketches/${sketchId}/aggregation/explore/`, {
    body: {
      aggregator_name: aggregatorName,
      aggregator_parameters: { ...parameters, supported_charts: chartType },
      chart_type: chartType,
      view_id: null,
    },
  })
}

/** How often each value of a field occurs in the sketch (the `field_bucket` aggregator), most frequent first. */
export async function fieldCounts(sketchId: number, field: string, limit = 50): Promise<ValueCount[]> {
  const r = await runAggregator(sketchId, 'field_bucket', { field, limit: String(limit) }, 'table')
  return valueCounts(r, field)
}

/**
 * Stores the sketch's threat intelligence in its `intelligence` attribute (Timesketch's
 * `{"data": [...]}`), sent as JSON text: attribute values are text on the wire (contract §3.7).
 */
export async function saveIndicators(sketchId: number, indicators: Indicator[]): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/attribute/`, {
    body: { name: 'intelligence', ontology: 'intelligence', values: [JSON.stringify({ data: indicators })] },
  })
}

/** The user's search history in the sketch as a tree from up to ten searches above the latest. */
export async function searchHistoryTree(sketchId: number): Promise<{ root?: HistoryNode; lastNodeId?: number }> {
  const r = await api(`${V1}/sketches/${sketchId}/searchhistorytree/`)
  const root = listOf<HistoryNode>(r?.objects)[0]
  return { root: root && typeof root.id === 'number' ? root : undefined, lastNodeId: r?.meta?.last_node_id ?? undefined }
}

/** A raw aggregation (contract §13.2): an OpenSearch-style body with `query` and `aggs`, answered in OpenSearch's shape. */
export async function runDslAggregation(sketchId: number, dsl: Record<string, unknown>): Promise<{ objects?: unknown[]; meta?: Record<string, unknown> }> {
  return api(`${V1}/sketches/${sketchId}/aggregation/explore/`, { body: { aggregation_dsl: JSON.stringify(dsl) } })
}

export async function listAggregations(sketchId: number): Promise<SavedAggregation[]> {
  const r = await api(`${V1}/sketches/${sketchId}/aggregation/`)
  return listOf<SavedAggregation>(r.objects)
}

export async function getAggregation(sketchId: number, id: number): Promise<SavedAggregation> {
  const r = await api(`${V1}/sketches/${sketchId}/aggregation/${id}/`)
  return listOf<SavedAggregation>(r.objects)[0]
}

export async function saveAggregation(
  sketchId: number,
  agg: { name: string; description: string; agg_type: string; parameters: Record<string, unknown>; chart_type: string },
): Promise<SavedAggregation> {
  const r = await api(`${V1}/sketches/${sketchId}/aggregation/`, { body: agg })
  return listOf<SavedAggregation>(r.objects)[0]
}

export async function deleteAggregation(sketchId: number, id: number): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/aggregation/${id}/`, { method: 'DELETE' })
}

/** A saved chart made of several saved aggregations (contract §13.4). */
export interface AggregationGroup {
  id: number
  name: string
  description?: string
  orientation?: string
  agg_ids?: string | number[]
}

export async function listAggregationGroups(sketchId: number): Promise<AggregationGroup[]> {
  const r = await api(`${V1}/sketches/${sketchId}/aggregation/group/`)
  return listOf<AggregationGroup>(r.objects)
}

/** The group's combined chart (`meta.vega_spec`) and the buckets of each of its aggregations. */
export async function runAggregationGroup(sketchId: number, id: number): Promise<AggregationResponse> {
  return api<AggregationResponse>(`${V1}/sketches/${sketchId}/aggregation/group/${id}/`)
}

export async function createAggregationGroup(
  sketchId: number,
  group: { name: string; description: string; orientation: 'layer' | 'horizontal' | 'vertical'; aggregationIds: number[] },
): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/aggregation/group/`, {
    body: {
      name: group.name,
      description: group.description,
      parameters: '{}',
      aggregations: JSON.stringify(group.aggregationIds),
      orientation: group.orientation,
    },
  })
}

export async function deleteAggregationGroup(sketchId: number, id: number): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/aggregation/group/${id}/`, { method: 'DELETE' })
}

export async function listStories(sketchId: number): Promise<Story[]> {
  const r = await api(`${V1}/sketches/${sketchId}/stories/`)
  return listOf<Story>(r.objects)
}

export async function createStory(sketchId: number, title: string): Promise<Story> {
  const r = await api(`${V1}/sketches/${sketchId}/stories/`, { body: { title, content: '' } })
  return listOf<Story>(r.objects)[0]
}

export async function getStory(sketchId: number, id: number): Promise<Story> {
  const r = await api(`${V1}/sketches/${sketchId}/stories/${id}/`)
  return listOf<Story>(r.objects)[0]
}

export async function saveStory(sketchId: number, id: number, title: string, blocks: StoryBlock[]): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/stories/${id}/`, { body: { title, content: JSON.stringify(blocks) } })
}

export async function deleteStory(sketchId: number, id: number): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/stories/${id}/`, { method: 'DELETE' })
}

/**
 * Labels or tags every event matching an explore request on the server, as a background task.
 * Resolves with the task id to poll with {@link taskState}.
 */
export async function annotateByQuery(
  sketchId: number,
  query: ExploreRequest,
  action: { kind: 'label'; label: string } | { kind: 'tag'; tag: string },
): Promise<string> {
  const r =
    action.kind === 'label'
      ? await api(`${V1}/sketches/${sketchId}/event/annotate/`, {
          body: { annotation: action.label, annotation_type: 'label', query },
        })
      : await api(`${V1}/sketches/${sketchId}/event/tagging/`, {
          body: { tag_string: JSON.stringify([action.tag]), query },
        })
  const taskId = r?.meta?.task_id
  if (typeof taskId !== 'string' || !taskId) throw new ApiError(400, 'The server did not start a bulk task')
  return taskId
}

export interface TaskState {
  state: string
  result?: unknown
  error?: string
}

export async function taskState(taskId: string): Promise<TaskState> {
  const r = await api(`${V1}/tasks/?job_id=${encodeURIComponent(taskId)}`)
  const task = listOf<Record<string, any>>(r.objects).find((t) => t.task_id === taskId) ?? {}
  return { state: String(task.state ?? 'PENDING'), result: task.result, error: task.error }
}
