/**
 * Calls of the analyzer (§8), DFIQ (§17) and report (§17.12) endpoints the Analyze and
 * Investigation screens use, with the envelope quirks resolved, as in timesketch.ts.
 */
import { api } from './http'
import { listOf, type EventRef } from './timesketch'
import type { Chip } from './types'

const V1 = '/api/v1'

// Analyzers ---------------------------------------------------------------------------------------

/** A keyword argument an analyzer declares (Timesmith's `parameters` of `GET analyzer/`). */
export interface AnalyzerParam {
  name: string
  type: 'string' | 'number' | 'boolean'
  description: string
  required: boolean
  default: string | null
}

export interface AnalyzerInfo {
  name: string
  display_name: string
  description: string
  is_multi?: boolean
  parameters?: AnalyzerParam[]
}

/** Timesmith's structured result of a run (`result_details`, docs/analyzers.md). */
export interface ResultDetails {
  result_status?: string
  result_priority?: string
  result_summary?: string
  references?: string[]
  counts?: Record<string, number>
  steps?: { name: string; millis: number }[]
  questions?: number[]
  conclusions?: number[]
  error?: string
  platform_meta_data?: {
    saved_views?: number[]
    saved_stories?: number[]
    saved_aggregations?: number[]
    created_tags?: string[]
    created_attributes?: string[]
  }
}

export interface Analysis {
  id: number
  analyzer_name: string
  analysissession_id: number
  status: { status: string; updated_at?: string }[]
  parameters: string
  result: string | null
  result_details?: ResultDetails | null
  progress?: number
  events_done?: number
  log?: string
  timeline: { id: number; name?: string }
  user?: { username?: string }
  created_at?: string
  updated_at?: string
}

export interface AnalyzerSession {
  id: number
  created_at?: string
  user?: { username?: string }
  analyses: Analysis[]
}

export function analysisStatus(a: Analysis): string {
  return a.status?.[0]?.status ?? 'PENDING'
}

export function isRunning(a: Analysis): boolean {
  const s = analysisStatus(a)
  return s === 'PENDING' || s === 'STARTED'
}

export async function listAnalyzers(sketchId: number): Promise<AnalyzerInfo[]> {
  const r = await api(`${V1}/sketches/${sketchId}/analyzer/`)
  return Array.isArray(r) ? r : listOf<AnalyzerInfo>(r?.objects)
}

export async function runAnalyzers(
  sketchId: number,
  timelineIds: number[],
  analyzerNames: string[],
  kwargs: Record<string, Record<string, unknown>>,
  force: boolean,
): Promise<AnalyzerSession[]> {
  const r = await api(`${V1}/sketches/${sketchId}/analyzer/`, {
    body: { timeline_ids: timelineIds, analyzer_names: analyzerNames, analyzer_kwargs: kwargs, analyzer_force_run: force },
  })
  return listOf<AnalyzerSession>(r?.objects)
}

/** The ids of the sketch's sessions with an analysis still pending or running. */
export async function activeSessionIds(sketchId: number): Promise<number[]> {
  const r = await api(`${V1}/sketches/${sketchId}/analyzer/sessions/active/`)
  const summary = listOf<{ sessions?: number[] }>(r?.objects)[0]
  return summary?.sessions ?? []
}

export async function getSession(sketchId: number, sessionId: number): Promise<AnalyzerSession> {
  const r = await api(`${V1}/sketches/${sketchId}/analyzer/sessions/${sessionId}/`)
  return listOf<AnalyzerSession>(r?.objects)[0]
}

export async function timelineAnalyses(sketchId: number, timelineId: number): Promise<Analysis[]> {
  const r = await api(`${V1}/sketches/${sketchId}/timelines/${timelineId}/analysis/`)
  return listOf<Analysis>(r?.objects)
}

// DFIQ --------------------------------------------------------------------------------------------

export interface QuestionTemplate {
  id: string
  uuid: string
  name: string
  description?: string | null
}

export interface ScenarioTemplate {
  id: string
  uuid: string
  name: string
  description?: string | null
}

export interface Conclusion {
  id: number
  conclusion: string
  automated: boolean
  source?: string
  priority?: string | null
  status?: string | null
  user?: { username?: string | null }
  created_at?: string
  updated_at?: string
  conclusion_events?: { id: number; document_id: string; searchindex_name: string }[]
}

export interface Question {
  id: number
  name: string
  display_name: string
  description?: string | null
  dfiq_identifier?: string | null
  conclusions: Conclusion[]
  labels?: { name: string }[]
  status?: { status: string }
  scenario_id?: number | null
  facet_id?: number | null
  user?: { username?: string }
}

export interface Facet {
  id: number
  display_name: string
  questions: Question[]
}

export interface Scenario {
  id: number
  display_name: string
  description?: string | null
  dfiq_identifier?: string | null
  facets: Facet[]
}

export const QUESTION_STATUSES = ['new', 'pending-review', 'verified', 'rejected'] as const
export const PRIORITIES = ['low', 'medium', 'high'] as const

export function questionPriority(q: Question): string | undefined {
  const label = q.labels?.find((l) => l.name.startsWith('__ts_priority_'))
  return label?.name.slice('__ts_priority_'.length)
}

export async function questionTemplates(): Promise<QuestionTemplate[]> {
  const r = await api(`${V1}/questions/`)
  return listOf<QuestionTemplate>(r?.objects)
}

export async function scenarioTemplates(): Promise<ScenarioTemplate[]> {
  const r = await api(`${V1}/scenarios/`)
  return listOf<ScenarioTemplate>(r?.objects)
}

export async function dfiqEnabled(): Promise<boolean> {
  return Boolean((await serverSettings())?.DFIQ_ENABLED)
}

/** Whether the server has an LLM provider for the log analyzer (`LLM_FEATURES_AVAILABLE.log_analyzer`). */
export async function logAnalyzerEnabled(): Promise<boolean> {
  return llmFeatureEnabled('log_analyzer')
}

/** Whether the server has an LLM provider for this feature (`LLM_FEATURES_AVAILABLE.<feature>`). */
export async function llmFeatureEnabled(feature: string): Promise<boolean> {
  return Boolean((await serverSettings())?.LLM_FEATURES_AVAILABLE?.[feature])
}

/** The model's synthesis of a question's conclusions (`llm_synthesize`, §18.1). */
export async function synthesizeQuestion(sketchId: number, questionId: number): Promise<string> {
  const answer = await api<{ response: string }>(`${V1}/sketches/${sketchId}/llm/`, {
    method: 'POST',
    body: { feature: 'llm_synthesize', question_id: questionId },
  })
  return answer.response
}

/** `llm_starred_events_report`'s answer: the report, its counts and the story it was saved as (null: nothing to report). */
export interface StarredEventsReport {
  summary: string
  summary_event_count: number
  summary_unique_event_count: number
  story_id: number | null
}

/** Asks for a report on the events of this query and filter (the starred chip), saved as a story. */
export async function starredEventsReport(sketchId: number, query: string, filter: object): Promise<StarredEventsReport> {
  return api<StarredEventsReport>(`${V1}/sketches/${sketchId}/llm/`, {
    method: 'POST',
    body: { feature: 'llm_starred_events_report', query, filter },
  })
}

async function serverSettings(): Promise<{ DFIQ_ENABLED?: boolean; LLM_FEATURES_AVAILABLE?: Record<string, boolean> } | undefined> {
  return api(`${V1}/settings/`)
}

/** Accepts (`verified`) or rejects (`rejected`) an automated conclusion: its review status, nothing else. */
export async function reviewConclusion(sketchId: number, questionId: number, conclusionId: number, status: 'verified' | 'rejected'): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/questions/${questionId}/conclusions/${conclusionId}/`, { method: 'PUT', body: { status } })
}

/** The LLM log analyzer's name: one run covers every ready timeline of the sketch. */
export const LOG_ANALYZER = 'llm_log_analyzer'

export async function listScenarios(sketchId: number): Promise<Scenario[]> {
  const r = await api(`${V1}/sketches/${sketchId}/scenarios/`)
  return listOf<Scenario>(r?.objects)
}

export async function scenarioQuestions(sketchId: number, scenarioId: number): Promise<Question[]> {
  const r = await api(`${V1}/sketches/${sketchId}/scenarios/${scenarioId}/questions/`)
  return listOf<Question>(r?.objects)
}

export async function orphanQuestions(sketchId: number): Promise<Question[]> {
  const r = await api(`${V1}/sketches/${sketchId}/questions/`)
  return listOf<Question>(r?.objects)
}

export async function addScenario(sketchId: number, uuid: string): Promise<Scenario> {
  const r = await api(`${V1}/sketches/${sketchId}/scenarios/`, { body: { uuid } })
  return listOf<Scenario>(r?.objects)[0]
}

export async function addQuestion(sketchId: number, body: { uuid: string } | { question_text: string }): Promise<Question> {
  const r = await api(`${V1}/sketches/${sketchId}/questions/`, { body })
  return listOf<Question>(r?.objects)[0]
}

export async function updateQuestion(
  sketchId: number,
  questionId: number,
  patch: { status?: string; priority?: string },
): Promise<Question> {
  const r = await api(`${V1}/sketches/${sketchId}/questions/${questionId}/`, { body: patch })
  return listOf<Question>(r?.objects)[0]
}

export interface ConclusionForm {
  conclusionText: string
  status?: string
  priority?: string
}

/** Adds the user's conclusion (or edits it: one per user and question). Answers the new id. */
export async function addConclusion(sketchId: number, questionId: number, form: ConclusionForm): Promise<number> {
  const r = await api(`${V1}/sketches/${sketchId}/questions/${questionId}/conclusions/`, { body: clean(form) })
  return Number(r?.meta?.new_conclusion_id)
}

export async function editConclusion(sketchId: number, questionId: number, conclusionId: number, form: ConclusionForm): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/questions/${questionId}/conclusions/${conclusionId}/`, { method: 'PUT', body: clean(form) })
}

export async function deleteConclusion(sketchId: number, questionId: number, conclusionId: number): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/questions/${questionId}/conclusions/${conclusionId}/`, { method: 'DELETE' })
}

function clean(form: ConclusionForm): Record<string, string> {
  const body: Record<string, string> = { conclusionText: form.conclusionText }
  if (form.status) body.status = form.status
  if (form.priority) body.priority = form.priority
  return body
}

/** Timesketch's label of the events a conclusion rests on. */
export function factLabel(conclusionId: number): string {
  return `__ts_fact_${conclusionId}`
}

/**
 * Links events to a conclusion as facts (§17.10). The server toggles the fact label, so events that
 * already carry it are left out here (sending them would unlink them).
 */
export async function linkFacts(sketchId: number, conclusionId: number, events: (EventRef & { labels?: string[] })[]): Promise<number> {
  const label = factLabel(conclusionId)
  const todo = events.filter((e) => !(e.labels ?? []).includes(label))
  for (let i = 0; i < todo.length; i += 500) {
    await api(`${V1}/sketches/${sketchId}/event/annotate/`, {
      body: {
        annotation: '__ts_fact',
        annotation_type: 'label',
        conclusion_id: conclusionId,
        remove: false,
        events: todo.slice(i, i + 500).map((e) => ({ _id: e._id, _index: e._index })),
      },
    })
  }
  return todo.length
}

// Report ------------------------------------------------------------------------------------------

export interface ReportEvent {
  _index: string
  _id: string
  found: boolean
  datetime: string
  message: string
  timeline: string
}

export interface ReportConclusion {
  id: number
  conclusion: string
  author: string | null
  automated: boolean
  source: string
  status: string | null
  priority: string | null
  more_events: number
  events: ReportEvent[]
}

export interface ReportQuestion {
  id: number
  name: string
  facet: string | null
  dfiq_id: string | null
  status: string
  priority: string | null
  conclusions: ReportConclusion[]
}

export interface Report {
  sketch_id: number
  sketch_name: string
  generated_at: string
  generated_by: string
  sections: { scenario: string | null; questions: ReportQuestion[] }[]
}

export async function getReport(sketchId: number): Promise<Report> {
  const r = await api(`${V1}/sketches/${sketchId}/report/`)
  return listOf<Report>(r?.objects)[0]
}

export function reportUrl(sketchId: number, format: 'markdown' | 'pdf'): string {
  return `${V1}/sketches/${sketchId}/report/?format=${format}`
}

// Links into Explore ------------------------------------------------------------------------------

/** The Explore route showing the events that carry a label (a conclusion's facts, for example). */
export function exploreLabelLink(sketchId: number, label: string): string {
  const chip: Chip = { field: '', type: 'label', operator: 'must', active: true, value: label }
  const f = JSON.stringify({ chips: [chip], indices: '_all', order: 'asc' })
  return `/sketch/${sketchId}/explore?${new URLSearchParams({ q: '*', f })}`
}

/** The Explore route showing the events matching a query string. */
export function exploreQueryLink(sketchId: number, query: string): string {
  const f = JSON.stringify({ chips: [], indices: '_all', order: 'asc' })
  return `/sketch/${sketchId}/explore?${new URLSearchParams({ q: query, f })}`
}

export function exploreViewLink(sketchId: number, viewId: number): string {
  return `/sketch/${sketchId}/explore?view=${viewId}`
}

/** A question with where it sits (scenario and facet names), for lists of every question of a sketch. */
export interface PlacedQuestion {
  question: Question
  scenario?: string
  facet?: string
}

/** Every question of the sketch: each scenario's own and its facets' questions, then those of no scenario. */
export async function allQuestions(sketchId: number): Promise<{ scenarios: Scenario[]; questions: PlacedQuestion[] }> {
  const [scenarios, orphans] = await Promise.all([listScenarios(sketchId), orphanQuestions(sketchId)])
  const own = await Promise.all(scenarios.map((s) => scenarioQuestions(sketchId, s.id)))
  const questions: PlacedQuestion[] = []
  scenarios.forEach((s, i) => {
    for (const q of own[i]) questions.push({ question: q, scenario: s.display_name })
    for (const f of s.facets ?? []) for (const q of f.questions ?? []) questions.push({ question: q, scenario: s.display_name, facet: f.display_name })
  })
  for (const q of orphans) questions.push({ question: q })
  return { scenarios, questions }
}
