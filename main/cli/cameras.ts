import { VigilError, type ProbeOutcome } from '../contract'
import { callApp } from '../core/call-app'
import type { VigilApp } from '../core/host'
import { intFlag, stringFlag, UsageError, type ParsedArgs } from './args'
import { readSecret } from './io'

export const CAMERA_FLAGS = {
  'data-dir': 'value',
  name: 'value',
  url: 'value',
  'sub-url': 'value',
  username: 'value',
  'password-stdin': 'switch',
  location: 'value',
  'retention-hours': 'value',
  disabled: 'switch',
  'no-probe': 'switch',
  'delete-recordings': 'switch',
  json: 'switch'
} as const


function describeProbe(label: string, outcome: ProbeOutcome): string {
  if (!outcome.ok) return `${label}: ${outcome.error.message} [${outcome.error.code}]`
  const { video, audio } = outcome.info
  return `${label}: ${video.codec} ${video.width}x${video.height}${video.fps ? ` @ ${video.fps} fps` : ''}${audio ? `, audio ${audio.codec}` : ', no audio'}`
}

export async function camerasCommand(app: VigilApp, args: ParsedArgs, out: (line: string) => void): Promise<number> {
  const [, sub, target] = args.positionals
  switch (sub) {
    case 'list': {
      const cameras = (await callApp(app, 'cameras.list', {})).filter((c) => !c.demo)
      if (args.flags.has('json')) out(JSON.stringify(cameras, null, 2))
      else if (cameras.length === 0) out('No cameras configured. Add one with `vigil cameras add --name NAME --url rtsp://...`')
      else for (const c of cameras) out(`${c.id}\t${c.name}\t${c.enabled ? 'enabled' : 'paused'}\t${c.mainUrl}\t${c.retentionHours} h`)
      return 0
    }
    case 'add': {
      const name = stringFlag(args, 'name')
      const mainUrl = stringFlag(args, 'url')
      if (!name || !mainUrl) throw new UsageError('cameras add needs --name and --url')
      const password = args.flags.has('password-stdin') ? await readSecret('Camera password: ') : undefined
      const input = {
        name,
        mainUrl,
        subUrl: stringFlag(args, 'sub-url') ?? null,
        username: stringFlag(args, 'username') ?? null,
        password: password ?? null,
        location: stringFlag(args, 'location') ?? '',
        retentionHours: intFlag(args, 'retention-hours', 1, 24 * 365) ?? 72,
        enabled: !args.flags.has('disabled')
      }
      let offline = false
      if (!args.flags.has('no-probe')) {
        const report = await callApp(app, 'cameras.probe', {
          mainUrl: input.mainUrl,
          subUrl: input.subUrl,
          username: input.username,
          password: input.password
        })
        out(describeProbe('main stream', report.main))
        if (report.sub) out(describeProbe('substream', report.sub))
        offline = !report.main.ok
      }
      const camera = await callApp(app, 'cameras.add', input)
      out(`added ${camera.name} (${camera.id})${offline ? ': saved while offline; Vigil keeps retrying' : ''}`)
      return 0
    }
    case 'remove': {
      if (!target) throw new UsageError('cameras remove needs the camera name or id')
      const cameras = await callApp(app, 'cameras.list', {})
      const camera = cameras.find((c) => !c.demo && (c.id === target || c.name.toLowerCase() === target.toLowerCase()))
      if (!camera) throw new VigilError('CAMERA_NOT_FOUND', `No camera named or with id "${target}"`)
      await callApp(app, 'cameras.remove', { id: camera.id, deleteRecordings: args.flags.has('delete-recordings') })
      out(`removed ${camera.name}${args.flags.has('delete-recordings') ? ' and its recordings' : ' (recordings kept until retention deletes them)'}`)
      return 0
    }
    default:
      throw new UsageError('Usage: vigil cameras add|list|remove [options]')
  }
}
