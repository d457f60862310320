// A tiny i18n layer: useT() gives t(key, values) for the current language.
// The language lives in the app settings; until they load (or on the login page) the browser's language and
// the last choice made on this device are used. A choice made before settings were reachable is saved later.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ErrorCode, Language } from '../api/contract'
import { de } from './de'
import { en, type MessageKey, type Messages } from './en'

export type { MessageKey } from './en'
export type Values = Record<string, string | number>
export type Translate = (key: MessageKey, values?: Values) => string

const MESSAGES: Record<Language, Messages> = { en, de }
const STORAGE_KEY = 'vigil.language'

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY)
    if (stored === 'en' || stored === 'de') return stored
  } catch {
    // storage may be unavailable; fall through to the browser language
  }
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en'
}

function remember(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // not fatal: the settings hold the real choice
  }
}

export function translate(lang: Language, key: MessageKey, values?: Values): string {
  const text = MESSAGES[lang][key] ?? en[key] ?? key
  if (!values) return text
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match))
}

interface I18nValue {
  lang: Language
  t: Translate
  /** The user picked a language: show it and save it in the settings. */
  setLang(lang: Language): void
  /** Settings became reachable: adopt their language, or save a choice made before; returns a detach. */
  attachSettings(serverLang: Language, save: (lang: Language) => void): () => void
}

const I18nContext = createContext<I18nValue | null>(null)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage)
  const saveRef = useRef<((lang: Language) => void) | null>(null)
  const pendingRef = useRef<Language | null>(null)

  const setLang = useCallback((next: Language) => {
    setLangState(next)
    remember(next)
    if (saveRef.current) saveRef.current(next)
    else pendingRef.current = next
  }, [])

  const attachSettings = useCallback((serverLang: Language, save: (lang: Language) => void) => {
    const pending = pendingRef.current
    pendingRef.current = null
    if (pending && pending !== serverLang) save(pending)
    else {
      setLangState(serverLang)
      remember(serverLang)
    }
    saveRef.current = save
    return () => {
      if (saveRef.current === save) saveRef.current = null
    }
  }, [])

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  const value = useMemo<I18nValue>(
    () => ({ lang, t: (key, values) => translate(lang, key, values), setLang, attachSettings }),
    [lang, setLang, attachSettings]
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n() needs an <I18nProvider> above it')
  return value
}

export function useT(): Translate {
  return useI18n().t
}

/** A text that comes as data in both languages (the legal-basis catalog), in the UI language. */
export function localText(text: Record<Language, string>, lang: Language): string {
  return text[lang] || text.en
}

export function errorKey(code: ErrorCode): MessageKey {
  return `error.${code}`
}
