import { describe, expect, it } from 'vitest'
import { manualEventBody, utcInput, type ManualEventForm } from './manualEvent'

const form = (patch: Partial<ManualEventForm> = {}): ManualEventForm => ({
  datetime: '2024-03-01T12:00:00',
  message: ' Mallory called the help desk ',
  timestampDesc: 'Phone call',
  attributes: [],
  ...patch,
})

describe('manualEventBody', () => {
  it('makes the body of contract §7.4', () => {
    expect(manualEventBody(form({ attributes: [{ name: 'caller', value: 'mallory' }, { name: '', value: '' }] }))).toEqual({
      body: { date_string: '2024-03-01T12:00:00', message: 'Mallory called the help desk', timestamp_desc: 'Phone call', tag: [], attributes: { caller: 'mallory' } },
    })
    expect(manualEventBody(form({ datetime: '2024-03-01 12:00:00.5' }))).toMatchObject({ body: { date_string: '2024-03-01T12:00:00.5' } })
    expect(manualEventBody(form({ datetime: '2024-03-01' }))).toMatchObject({ body: { date_string: '2024-03-01' } })
  })

  it('names what is wrong', () => {
    expect(manualEventBody(form({ datetime: 'yesterday' }))).toEqual({ error: 'Give the time as YYYY-MM-DDTHH:MM:SS (UTC)' })
    expect(manualEventBody(form({ datetime: '2024-13-45T99:00:00' }))).toEqual({ error: 'Give the time as YYYY-MM-DDTHH:MM:SS (UTC)' })
    expect(manualEventBody(form({ message: '  ' }))).toEqual({ error: 'The event needs a message' })
    expect(manualEventBody(form({ timestampDesc: '' }))).toEqual({ error: 'The event needs a timestamp description' })
    expect(manualEventBody(form({ attributes: [{ name: '', value: 'x' }] }))).toEqual({ error: 'The value "x" needs an attribute name' })
    expect(manualEventBody(form({ attributes: [{ name: 'message', value: 'x' }] }))).toEqual({ error: '"message" cannot be an attribute name' })
    expect(manualEventBody(form({ attributes: [{ name: '_id', value: 'x' }] }))).toEqual({ error: '"_id" cannot be an attribute name' })
    expect(manualEventBody(form({ attributes: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }))).toEqual({ error: 'The attribute "a" is given twice' })
  })
})

describe('utcInput', () => {
  it('is the UTC second of a µs timestamp', () => {
    expect(utcInput(Date.UTC(2024, 2, 1, 12, 30, 5) * 1000 + 123456)).toBe('2024-03-01T12:30:05')
  })
})
