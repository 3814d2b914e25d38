// The small part of Handlebars that metadata-action's attributes use: `{{name}}` and
// helpers with quoted arguments and `key='value'` options, e.g. {{date 'YYYYMMDD' tz='Asia/Tokyo'}}.
// Unknown names render as '' (as Handlebars does); text outside braces is kept as is.

export class TemplateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TemplateError'
  }
}

/** A plain value, or a helper called with its positional arguments and options. */
export type TemplateValue = string | ((args: string[], options: Record<string, string>) => string)

const EXPRESSION = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)((?:\s+(?:[A-Za-z_][A-Za-z0-9_]*=)?(?:'[^']*'|"[^"]*"))*)\s*\}\}/g
const ARGUMENT = /\s+(?:([A-Za-z_][A-Za-z0-9_]*)=)?(?:'([^']*)'|"([^"]*)")/g

export function render(template: string, values: Record<string, TemplateValue>): string {
  const out = template.replace(EXPRESSION, (_, name: string, rest: string) => {
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined
    if (value === undefined) return ''
    const args: string[] = []
    const options: Record<string, string> = {}
    for (const m of rest.matchAll(ARGUMENT)) {
      const text = m[2] ?? m[3]
      if (m[1] !== undefined) options[m[1]] = text
      else args.push(text)
    }
    return typeof value === 'string' ? value : value(args, options)
  })
  if (/\{\{|\}\}/.test(out))
    throw new TemplateError(`cannot read the expression in "${template}": use {{name}} or {{date 'FORMAT' tz='Zone'}}`)
  return out
}

/** A `{{date}}`-style helper rendering `date` in a moment.js format, in UTC unless tz= is given. */
export function dateHelper(date: Date): TemplateValue {
  return (args, options) => {
    for (const key of Object.keys(options))
      if (key !== 'tz') throw new TemplateError(`unknown date option ${key}: only tz='Zone' is accepted`)
    return formatDate(date, args[0] ?? 'YYYY-MM-DDTHH:mm:ssZ', options.tz ?? 'UTC')
  }
}

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  weekday: number
  offsetMinutes: number
}

function partsIn(date: Date, timeZone: string): Parts {
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
  } catch {
    throw new TemplateError(`unknown time zone "${timeZone}": use an IANA name such as UTC or Asia/Tokyo`)
  }
  const get = (type: string) => Number(format.formatToParts(date).find(p => p.type === type)?.value)
  const [year, month, day, hour, minute, second] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map(get)
  const local = Date.UTC(year, month - 1, day, hour, minute, second)
  const offsetMinutes = Math.round((local - (date.getTime() - date.getUTCMilliseconds())) / 60000)
  return { year, month, day, hour, minute, second, weekday: new Date(local).getUTCDay(), offsetMinutes }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const TOKEN = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|d|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z|X|x/g

/** moment.js format tokens (the common ones; `[text]` is literal). */
export function formatDate(date: Date, format: string, timeZone = 'UTC'): string {
  const p = partsIn(date, timeZone)
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12
  const offset = (sep: string) => {
    const abs = Math.abs(p.offsetMinutes)
    return `${p.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${sep}${pad(abs % 60)}`
  }
  const tokens: Record<string, () => string> = {
    YYYY: () => pad(p.year, 4),
    YY: () => pad(p.year % 100),
    MMMM: () => MONTHS[p.month - 1],
    MMM: () => MONTHS[p.month - 1].slice(0, 3),
    MM: () => pad(p.month),
    M: () => String(p.month),
    Do: () => `${p.day}${ordinal(p.day)}`,
    DD: () => pad(p.day),
    D: () => String(p.day),
    dddd: () => DAYS[p.weekday],
    ddd: () => DAYS[p.weekday].slice(0, 3),
    d: () => String(p.weekday),
    HH: () => pad(p.hour),
    H: () => String(p.hour),
    hh: () => pad(hour12),
    h: () => String(hour12),
    mm: () => pad(p.minute),
    m: () => String(p.minute),
    ss: () => pad(p.second),
    s: () => String(p.second),
    SSS: () => pad(date.getUTCMilliseconds(), 3),
    A: () => (p.hour < 12 ? 'AM' : 'PM'),
    a: () => (p.hour < 12 ? 'am' : 'pm'),
    ZZ: () => offset(''),
    Z: () => offset(':'),
    X: () => String(Math.floor(date.getTime() / 1000)),
    x: () => String(date.getTime())
  }
  return format.replace(TOKEN, (token: string, literal: string | undefined) => (literal !== undefined ? literal : tokens[token]()))
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th'
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'
}
