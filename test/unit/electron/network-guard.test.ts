import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { describeUrl, isAllowedRequest } from '../../../main/electron/network-guard'

const root = join('/opt', 'vigil', 'out', 'renderer')
const fileIn = (...parts: string[]) => pathToFileURL(join(root, ...parts)).href
const DEV = 'http://localhost:5173/'

describe('isAllowedRequest', () => {
  it('allows the app files', () => {
    expect(isAllowedRequest(fileIn('index.html'), undefined, { filesRoot: root })).toBe(true)
    expect(isAllowedRequest(fileIn('assets', 'index-abc.js'), undefined, { filesRoot: root })).toBe(true)
  })

  it('refuses files outside the renderer folder', () => {
    expect(isAllowedRequest('file:///etc/passwd', undefined, { filesRoot: root })).toBe(false)
    expect(isAllowedRequest(pathToFileURL(join(root, '..', 'main', 'cli.js')).href, undefined, { filesRoot: root })).toBe(false)
    expect(isAllowedRequest(`${pathToFileURL(root).href}/%2E%2E/secret`, undefined, { filesRoot: root })).toBe(false)
    expect(isAllowedRequest(pathToFileURL(`${root}-evil/x.js`).href, undefined, { filesRoot: root })).toBe(false)
  })

  it('allows any file without a root (not used by the shell, but defined)', () => {
    expect(isAllowedRequest('file:///etc/hosts')).toBe(true)
  })

  it('allows local-only schemes', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html')).toBe(true)
    expect(isAllowedRequest('data:image/jpeg;base64,AAAA')).toBe(true)
    expect(isAllowedRequest('blob:file:///0b3c-41')).toBe(true)
  })

  it('allows app schemes only when declared', () => {
    expect(isAllowedRequest('vigil-media://segment/1')).toBe(false)
    expect(isAllowedRequest('vigil-media://segment/1', undefined, { appSchemes: ['vigil-media:'] })).toBe(true)
  })

  it('refuses the network', () => {
    expect(isAllowedRequest('https://example.com/tracker.js')).toBe(false)
    expect(isAllowedRequest('http://192.168.1.20/snapshot.jpg')).toBe(false)
    expect(isAllowedRequest('wss://example.com/socket')).toBe(false)
    expect(isAllowedRequest('ftp://example.com/x')).toBe(false)
  })

  it('refuses loopback without a dev server', () => {
    expect(isAllowedRequest('http://127.0.0.1:5173/')).toBe(false)
    expect(isAllowedRequest('ws://localhost:5173/')).toBe(false)
  })

  it('allows the dev server and its HMR socket, on its port only', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', DEV)).toBe(true)
    expect(isAllowedRequest('ws://localhost:5173/?token=abc', DEV)).toBe(true)
    expect(isAllowedRequest('http://127.0.0.1:5173/', DEV)).toBe(true)
    expect(isAllowedRequest('http://127.0.0.1:8080/', DEV)).toBe(false)
    expect(isAllowedRequest('http://localhost/', DEV)).toBe(false)
    expect(isAllowedRequest('https://example.com:5173/', DEV)).toBe(false)
  })

  it('ignores a dev server URL that is not on loopback', () => {
    expect(isAllowedRequest('http://example.com:5173/', 'http://example.com:5173/')).toBe(false)
    expect(isAllowedRequest('http://127.0.0.1:5173/', 'http://example.com:5173/')).toBe(false)
    expect(isAllowedRequest('http://localhost:5173/', 'not a url')).toBe(false)
  })

  it('refuses malformed URLs', () => {
    expect(isAllowedRequest('')).toBe(false)
    expect(isAllowedRequest('::::')).toBe(false)
  })
})

describe('describeUrl', () => {
  it('drops query and hash (they may carry tokens)', () => {
    expect(describeUrl('https://cam.local:8443/path/x?user=admin&password=hunter2#frag')).toBe('https://cam.local:8443/path/x')
    expect(describeUrl('nope')).toBe('(malformed URL)')
  })
})
