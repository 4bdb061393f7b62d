import { describe, expect, it } from 'vitest'
import { contextUrl, eventJson, formatCommentTime, isUrl, isXml, linksFor, prettyXml, timeReadings, type ContextLinkConfig } from './eventDetail'
import { formatServerTime } from './time'

describe('formatServerTime', () => {
  it('reads the server\'s UTC times without an offset and shows them in the display zone', () => {
    expect(formatServerTime('2024-03-01T10:00:00.123456', 'UTC')).toBe('2024-03-01 10:00:00')
    expect(formatServerTime('2024-03-01T10:00:00.123456', 'Europe/Berlin')).toBe('2024-03-01 11:00:00')
    expect(formatServerTime('2024-03-01T10:00:00+02:00', 'UTC')).toBe('2024-03-01 08:00:00')
  })

  it('leaves what is no time as it came', () => {
    expect(formatServerTime('yesterday', 'UTC')).toBe('yesterday')
    expect(formatServerTime(undefined, 'UTC')).toBe('')
  })
})

describe('formatCommentTime', () => {
  it('adds when a comment was edited, even within the same second', () => {
    expect(formatCommentTime({ id: 1, comment: '', created_at: '2024-03-01T10:00:00.1', updated_at: '2024-03-01T10:00:00.1' }, 'UTC')).toBe('2024-03-01 10:00:00')
    expect(formatCommentTime({ id: 1, comment: '', created_at: '2024-03-01T10:00:00.1', updated_at: '2024-03-01T10:00:00.9' }, 'UTC')).toBe(
      '2024-03-01 10:00:00 (edited 2024-03-01 10:00:00)',
    )
    expect(formatCommentTime({ id: 1, comment: '' }, 'UTC')).toBe('')
  })
})

describe('eventJson', () => {
  it('is the whole event with its id and index', () => {
    expect(JSON.parse(eventJson({ message: 'm', tag: ['a'] }, { _id: 'e1', _index: 'idx' }))).toEqual({ _id: 'e1', _index: 'idx', message: 'm', tag: ['a'] })
  })
})

describe('context links', () => {
  const config: ContextLinkConfig = {
    hash: [
      { type: 'linked_services', short_name: 'VirusTotal', context_link: 'https://vt/search/<ATTR_VALUE>?again=<ATTR_VALUE>', validation_regex: '/^[0-9a-f]{32}$/i', redirect_warning: true },
      { type: 'linked_services', short_name: 'Any', context_link: 'https://any/<ATTR_VALUE>' },
      { type: 'linked_services', short_name: 'Broken regex', context_link: 'https://x/', validation_regex: '/([/' },
      { type: 'linked_services', short_name: 'No link' } as any,
    ],
    url: [{ type: 'hardcoded_modules', short_name: 'Unfurl URL', module: 'unfurl_graph' }],
  }

  it('offers the links of the field whose validation the value passes, by lower-case field name', () => {
    expect(linksFor(config, 'HASH', 'D41D8CD98F00B204E9800998ECF8427E').map((l) => l.short_name)).toEqual(['VirusTotal', 'Any'])
    expect(linksFor(config, 'hash', 'not a hash').map((l) => l.short_name)).toEqual(['Any'])
    expect(linksFor(config, 'url', 'https://x').map((l) => l.module)).toEqual(['unfurl_graph'])
    expect(linksFor(config, 'user', 'x')).toEqual([])
    expect(linksFor({ hash: 'broken' as any }, 'hash', 'x')).toEqual([])
  })

  it('puts the encoded value into every placeholder', () => {
    expect(contextUrl(config.hash[0], 'a b&c')).toBe('https://vt/search/a%20b%26c?again=a%20b%26c')
  })
})

describe('unfurl', () => {
  it('knows URLs', () => {
    expect(isUrl('https://www.example.org/a?b=c')).toBe(true)
    expect(isUrl(' hxxp://x ')).toBe(true)
    expect(isUrl('www.example.org')).toBe(false)
    expect(isUrl('https://a b')).toBe(false)
  })

  it('reads integers as the times they can plausibly be', () => {
    expect(timeReadings(1709294400)).toEqual([
      { label: 'Unix seconds', iso: '2024-03-01T12:00:00.000Z' },
      { label: 'Mac absolute time', iso: '2055-03-02T12:00:00.000Z' },
    ])
    expect(timeReadings('1709294400123')).toEqual([{ label: 'Unix milliseconds', iso: '2024-03-01T12:00:00.123Z' }])
    expect(timeReadings('1709294400123456').map((r) => r.label)).toEqual(['Unix microseconds'])
    expect(timeReadings('133537680000000000')).toEqual(
      expect.arrayContaining([{ label: 'Windows FILETIME', iso: '2024-03-01T12:00:00.000Z' }]),
    )
    expect(timeReadings('13353768000000000')).toEqual(expect.arrayContaining([{ label: 'WebKit / Chrome (µs since 1601)', iso: '2024-03-01T12:00:00.000Z' }]))
    expect(timeReadings('730987200')).toEqual(expect.arrayContaining([{ label: 'Mac absolute time', iso: '2024-03-01T12:00:00.000Z' }]))
  })

  it('reads nothing into what is no plausible time', () => {
    expect(timeReadings('12')).toEqual([])
    expect(timeReadings('-1709294400')).toEqual([])
    expect(timeReadings('17092944.5')).toEqual([])
    expect(timeReadings('99999999999999999999')).toEqual([])
    expect(timeReadings(undefined)).toEqual([])
  })
})

describe('prettyXml', () => {
  const evtx =
    '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4624</EventID></System><EventData><Data Name="TargetUserName">mallory &amp; co</Data><!-- note --></EventData></Event>'

  it('indents EVTX XML, one element per line, text inline, entities kept', () => {
    expect(prettyXml(evtx)).toBe(
      [
        '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">',
        '  <System>',
        '    <Provider Name="Microsoft-Windows-Security-Auditing" />',
        '    <EventID>4624</EventID>',
        '  </System>',
        '  <EventData>',
        '    <Data Name="TargetUserName">mallory &amp; co</Data>',
        '    <!-- note -->',
        '  </EventData>',
        '</Event>',
      ].join('\n'),
    )
  })

  it('gives up on what is not well-formed', () => {
    expect(prettyXml('<Event><System></Event>')).toBeUndefined()
    expect(prettyXml('not xml')).toBeUndefined()
  })

  it('knows which values are XML', () => {
    expect(isXml('xml_string', evtx)).toBe(true)
    expect(isXml('message', evtx)).toBe(true)
    expect(isXml('message', '<b>bold</b>')).toBe(false)
    expect(isXml('xml_string', 42)).toBe(false)
  })
})
