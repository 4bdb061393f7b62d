/**
 * Calls of the Sigma rule store (`sigmarules/`, docs/sigma.md) and what the Sigma screen derives
 * from a rule: the search for the events its live run or the `sigma` analyzer tagged.
 */
import { api } from './http'
import { listOf } from './timesketch'

const V1 = '/api/v1/sigmarules'

/** A rule's live state: whether it runs on every imported event, and what it cost so far. */
export interface LiveState {
  enabled: boolean
  hits: number
  events_evaluated: number
  cost_ms: number
  error?: string
}

export interface SigmaRule {
  rule_uuid: string
  title: string
  description: string
  status: string
  level: string
  tags: string[]
  logsource: Record<string, string>
  live?: LiveState
  search_query: string
  rule_yaml: string
  created_at?: string
  updated_at?: string
}

/** What `sigmarules/text/` makes of YAML: the rule's fields and its converted query. */
export interface ParsedRule {
  title: string
  search_query: string
  rule_uuid: string
}

export interface RuleSearch {
  title?: string
  tag?: string
  logsource?: string
  live?: boolean
}

export interface ImportReport {
  files: number
  installed: number
  skipped: number
  skipped_files: { file: string; reason: string }[]
}

export async function listSigmaRules(search: RuleSearch = {}): Promise<SigmaRule[]> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(search)) {
    if (value !== undefined && String(value).trim() !== '') params.set(key, String(value).trim())
  }
  const query = params.toString()
  const r = await api(`${V1}/${query ? `?${query}` : ''}`)
  return listOf<SigmaRule>(r?.objects)
}

export async function getSigmaRule(uuid: string): Promise<SigmaRule> {
  const r = await api(`${V1}/${encodeURIComponent(uuid)}/`)
  return listOf<SigmaRule>(r.objects)[0]
}

/** Converts YAML without storing it; rejects with the converter's reason (rule and construct). */
export async function parseSigmaRule(content: string): Promise<ParsedRule> {
  const r = await api(`${V1}/text/`, { body: { content } })
  return listOf<ParsedRule>(r.objects)[0]
}

export async function createSigmaRule(ruleYaml: string): Promise<SigmaRule> {
  const r = await api(`${V1}/`, { body: { rule_yaml: ruleYaml } })
  return listOf<SigmaRule>(r.objects)[0]
}

export async function updateSigmaRule(uuid: string, ruleYaml: string): Promise<SigmaRule> {
  const r = await api(`${V1}/${encodeURIComponent(uuid)}/`, { method: 'PUT', body: { rule_yaml: ruleYaml } })
  return listOf<SigmaRule>(r.objects)[0]
}

export async function deleteSigmaRule(uuid: string): Promise<void> {
  await api(`${V1}/${encodeURIComponent(uuid)}/`, { method: 'DELETE' })
}

/** Runs the rule on every imported event from now on, or stops (administrators only). */
export async function setSigmaRuleLive(uuid: string, enabled: boolean): Promise<SigmaRule> {
  const r = await api(`${V1}/${encodeURIComponent(uuid)}/live/`, { body: { enabled } })
  return listOf<SigmaRule>(r.objects)[0]
}

/** Installs the rules of a zip of a SigmaHQ-layout folder. */
export async function importSigmaZip(zip: Blob): Promise<ImportReport> {
  const r = await api(`${V1}/import/`, { raw: zip })
  return listOf<ImportReport>(r.objects)[0]
}

/** The tag a rule's hits carry, as the live rules and the sigma analyzer write it. */
export function hitTag(rule: Pick<SigmaRule, 'title' | 'rule_uuid'>): string {
  return `sigma_${rule.title.trim() || rule.rule_uuid}`
}

/** The query string for the events a rule tagged. */
export function hitsQuery(rule: Pick<SigmaRule, 'title' | 'rule_uuid'>): string {
  return `tag:"${hitTag(rule).replace(/["\\]/g, '\\$&')}"`
}

/** The log source in one line: `windows / process_creation`. */
export function logsourceText(logsource: Record<string, string> | undefined): string {
  return ['product', 'category', 'service'].map((k) => logsource?.[k]).filter(Boolean).join(' / ')
}
