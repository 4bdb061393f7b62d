/**
 * Calls of the search template endpoints (docs/timesketch-api.md §17.11) and what the UI reads out
 * of a template: its parameters and whether the user may delete it.
 */
import { api } from './http'
import { jsonField, listOf } from './timesketch'
import type { User } from './types'

const V1 = '/api/v1'

/** The search template model; `user` has every field null for the DFIQ library's templates. */
export interface SearchTemplate {
  id: number
  name: string
  description: string
  short_name: string
  user: { id: number | null; username: string | null } | null
  query_string: string
  query_filter: string
  query_dsl: string
  template_uuid: string
  /** JSON text (Timesketch's template spec, with its `parameters`), or '' */
  template_json: string
  created_at: string
  updated_at: string
}

export type ParameterType = 'text' | 'number' | 'boolean'
export type ParameterValue = string | number | boolean

/** A value the template's query string takes (`{{ name }}`). */
export interface TemplateParameter {
  name: string
  description: string
  type: ParameterType
  default: ParameterValue | undefined
}

export async function listSearchTemplates(): Promise<SearchTemplate[]> {
  const r = await api(`${V1}/searchtemplates/`)
  return listOf<SearchTemplate>(r?.objects)
}

export async function getSearchTemplate(id: number): Promise<SearchTemplate> {
  const r = await api(`${V1}/searchtemplates/${id}/`)
  return listOf<SearchTemplate>(r.objects)[0]
}

/** A private template from a query string (Timesmith's form of `POST searchtemplates/`). */
export async function createSearchTemplate(template: { name: string; description: string; query: string }): Promise<SearchTemplate> {
  const r = await api(`${V1}/searchtemplates/`, {
    body: { name: template.name, description: template.description, query_string: template.query },
  })
  return listOf<SearchTemplate>(r.objects)[0]
}

export async function deleteSearchTemplate(id: number): Promise<void> {
  await api(`${V1}/searchtemplates/${id}/`, { method: 'DELETE' })
}

/** The template's query string filled with the parameters (and escaped) by the server. */
export async function parseSearchTemplate(id: number, parameters: Record<string, ParameterValue>): Promise<string> {
  const r = await api(`${V1}/searchtemplates/${id}/parse/`, { body: parameters })
  const parsed = listOf<{ query_string: string }>(r?.objects)[0]
  if (typeof parsed?.query_string !== 'string') throw new Error('The server did not answer a query string')
  return parsed.query_string
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*}}/g

/** The `{{ name }}` placeholders of a query string, each once, in order. */
export function placeholders(query: string): string[] {
  return [...new Set([...query.matchAll(PLACEHOLDER)].map((m) => m[1]))]
}

function parameterType(type: unknown): ParameterType {
  const t = String(type ?? '').toLowerCase()
  if (['number', 'int', 'integer', 'float', 'double'].includes(t)) return 'number'
  if (['bool', 'boolean', 'checkbox'].includes(t)) return 'boolean'
  return 'text'
}

function defaultValue(value: unknown, type: ParameterType): ParameterValue | undefined {
  if (value === null || value === undefined) return undefined
  if (type === 'boolean') return value === true || String(value).toLowerCase() === 'true'
  if (type === 'number') return Number.isFinite(Number(value)) ? Number(value) : undefined
  return String(value)
}

/**
 * The parameters of a template: those its spec declares (`template_json.parameters`: name,
 * description, type, default, as Timesketch's YAML templates have them), then every other
 * placeholder of its query string as a text parameter.
 */
export function templateParameters(template: Pick<SearchTemplate, 'query_string' | 'template_json'>): TemplateParameter[] {
  const spec = jsonField<any>(template.template_json, {})
  const declared: unknown[] = Array.isArray(spec?.parameters) ? spec.parameters : []
  const result: TemplateParameter[] = []
  for (const p of declared) {
    const name = (p as any)?.name
    if (typeof name !== 'string' || !name || result.some((r) => r.name === name)) continue
    const type = parameterType((p as any).type)
    result.push({ name, description: String((p as any).description ?? ''), type, default: defaultValue((p as any).default, type) })
  }
  for (const name of placeholders(template.query_string ?? '')) {
    if (!result.some((r) => r.name === name)) result.push({ name, description: '', type: 'text', default: undefined })
  }
  return result
}

/** The first values of the parameter fields: the defaults, else empty (false for a checkbox). */
export function initialValues(parameters: TemplateParameter[]): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {}
  for (const p of parameters) values[p.name] = p.default ?? (p.type === 'boolean' ? false : '')
  return values
}

/** The body of `parse`: numbers as JSON numbers, booleans as JSON booleans, text as typed. */
export function parseBody(parameters: TemplateParameter[], values: Record<string, ParameterValue>): Record<string, ParameterValue> {
  const body: Record<string, ParameterValue> = {}
  for (const p of parameters) {
    const v = values[p.name]
    if (p.type === 'boolean') body[p.name] = v === true
    else if (p.type === 'number' && String(v ?? '').trim() !== '' && Number.isFinite(Number(v))) body[p.name] = Number(v)
    else body[p.name] = String(v ?? '')
  }
  return body
}

/** Whether every text and number field has a value (as Timesketch asks before it searches). */
export function filledOut(parameters: TemplateParameter[], values: Record<string, ParameterValue>): boolean {
  return parameters.every((p) => p.type === 'boolean' || String(values[p.name] ?? '').trim() !== '')
}

/** As the server decides: the creator or an administrator; a library template only an administrator. */
export function mayDeleteTemplate(template: Pick<SearchTemplate, 'user'>, user: Pick<User, 'id' | 'admin'> | undefined): boolean {
  if (!user) return false
  if (user.admin) return true
  return template.user?.id != null && template.user.id === user.id
}

/** The query string shortened to one line for a list. */
export function queryPreview(query: string, max = 80): string {
  const line = query.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}
