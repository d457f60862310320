// `vigil` command line. Every command runs the same core services the UI uses.
import { VigilError } from './contract'
import { createApp } from './core/app'
import { silentLogger } from './core/logger'
import { defaultDataDir } from './core/paths'
import { clearPassword, setPassword } from './server/password'
import { parseArgv, stringFlag, UsageError } from './cli/args'
import { CAMERA_FLAGS, camerasCommand } from './cli/cameras'
import { LEGAL_BASES_FLAGS, LOG_FLAGS, legalBasesCommand, logCommand } from './cli/evidence-log'
import { readSecret } from './cli/io'
import { exportCommand, parseExportArgv } from './cli/export'
import { REDACT_USAGE, redactCommand } from './cli/redact'
import { SERVE_FLAGS, serve } from './cli/serve'
import { VERIFY_FLAGS, verifyCommand } from './cli/verify'

const HELP = `Vigil: a local video recorder. Your cameras, your disk, no cloud.

Usage:
  vigil serve [--data-dir DIR] [--port N] [--host ADDR] [--demo | --no-demo] [--ffmpeg PATH]
  vigil cameras list [--data-dir DIR] [--json]
  vigil cameras add --name NAME --url rtsp://HOST/PATH [--sub-url URL] [--username U] [--password-stdin]
                    [--location TEXT] [--retention-hours N] [--disabled] [--no-probe] [--data-dir DIR]
  vigil cameras remove NAME|ID [--delete-recordings] [--data-dir DIR]
  vigil password set|clear [--data-dir DIR]    (required before serving on an address other than 127.0.0.1)
  vigil log verify [--data-dir DIR]            (checks the export log's hash chain; exit 1 if it is broken)
  vigil log export --format csv|pdf --out FILE [--language en|de] [--data-dir DIR]
  vigil legal-bases --jurisdiction eu-de|uk|us [--json] [--language en|de]
  ${REDACT_USAGE.replace(/\n/g, '\n  ')}
                                               (covers every person but the kept ones; --tracks-only lists them)
  vigil export --camera NAME --from ISO --to ISO --basis CODE --field name=value ... --out DIR
               [--keep TRACK_IDS] [--effect pixelate|fill] [--include-originals] [--no-snapshots]
               [--zip --passphrase-file F] [--jurisdiction eu-de|uk|us] [--language en|de] [--json] [--data-dir DIR]
                                               (the export wizard without the UI: hold, redaction, log entry, package)
  vigil verify PACKAGE_DIR|PACKAGE.zip [--fingerprint HEX] [--passphrase-file F] [--data-dir DIR] [--json]
                                               (checks an evidence package; exit 1 names the first failure)

Data folder default: ${defaultDataDir()}
`

async function main(argv: string[]): Promise<number> {
  const command = argv[0]
  const out = (line: string) => process.stdout.write(line + '\n')
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out(HELP)
    return command ? 0 : 1
  }
  switch (command) {
    case 'serve': {
      const args = parseArgv(argv.slice(1), SERVE_FLAGS)
      await serve(args, stringFlag(args, 'data-dir') ?? defaultDataDir())
      return -1 // keeps running until a signal
    }
    case 'cameras': {
      const args = parseArgv(argv, CAMERA_FLAGS)
      const app = createApp({ dataDir: stringFlag(args, 'data-dir') ?? defaultDataDir(), headless: true, demo: 'off', logger: silentLogger })
      await app.start('configure')
      try {
        return await camerasCommand(app, args, out)
      } finally {
        await app.stop()
      }
    }
    case 'password': {
      const args = parseArgv(argv.slice(1), { 'data-dir': 'value' })
      const dataDir = stringFlag(args, 'data-dir') ?? defaultDataDir()
      const action = args.positionals[0]
      if (action === 'clear') {
        clearPassword(dataDir)
        out('Password removed: Vigil will only listen on 127.0.0.1.')
        return 0
      }
      if (action !== 'set') throw new UsageError('Usage: vigil password set|clear [--data-dir DIR]')
      const { mkdirSync } = await import('node:fs')
      mkdirSync(dataDir, { recursive: true })
      await setPassword(dataDir, await readSecret('New password for the Vigil web UI: '))
      out('Password set. Restart `vigil serve` for it to take effect.')
      return 0
    }
    case 'log': {
      const args = parseArgv(argv.slice(1), LOG_FLAGS)
      return await logCommand(args, stringFlag(args, 'data-dir') ?? defaultDataDir(), out)
    }
    case 'legal-bases':
      return legalBasesCommand(parseArgv(argv.slice(1), LEGAL_BASES_FLAGS), out)
    case 'redact':
      return await redactCommand(argv.slice(1), out)
    case 'export': {
      const { args } = parseExportArgv(argv.slice(1))
      const app = createApp({ dataDir: stringFlag(args, 'data-dir') ?? defaultDataDir(), headless: true, demo: 'off', logger: silentLogger })
      await app.start('configure')
      try {
        return await exportCommand(app, argv.slice(1), out, (line) => process.stderr.write(line + '\n'))
      } finally {
        await app.stop()
      }
    }
    case 'verify':
      return await verifyCommand(parseArgv(argv.slice(1), VERIFY_FLAGS), out)
    default:
      throw new UsageError(`Unknown command "${command}". Run \`vigil help\`.`)
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`vigil: ${error.message}\n`)
    else if (error instanceof VigilError) process.stderr.write(`vigil: ${error.message} [${error.code}]\n`)
    else process.stderr.write(`vigil: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  }
)
