// Loads @vladmandic/human on the tfjs WebAssembly backend, entirely from files inside node_modules.
// Nothing is fetched at run time: Human's defaults point the .wasm binaries at a CDN and models at URLs,
// so both are redirected to local files here, and model files are read through a tfjs load router for
// file:// URLs instead of the global fetch (which Node cannot use for files, and which we leave alone).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Config, Human } from '@vladmandic/human'
import { nodeRequire } from '../node-require'

/** Where the shipped engine, models and WebAssembly binaries are, and their versions for the report. */
export interface HumanFiles {
  /** dist/human.node-wasm.js: the build that uses tfjs-backend-wasm (no native tfjs-node needed). */
  entry: string
  modelsDir: string
  wasmDir: string
  humanVersion: string
  tfjsVersion: string
}

function packageVersion(packageDir: string): string {
  return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version
}

export function humanFiles(): HumanFiles {
  // Human's package exports do not list package.json or the wasm build, so find the folder via its main.
  const humanDist = dirname(nodeRequire.resolve('@vladmandic/human'))
  const wasmDist = dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm'))
  return {
    entry: join(humanDist, 'human.node-wasm.js'),
    modelsDir: join(humanDist, '..', 'models'),
    wasmDir: wasmDist,
    humanVersion: packageVersion(join(humanDist, '..')),
    tfjsVersion: packageVersion(join(wasmDist, '..'))
  }
}

/** The few tfjs calls Vigil makes; Human types its `tf` property as any. */
export interface TfApi {
  tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): unknown
  dispose(tensor: unknown): void
  getBackend(): string
  memory(): { numTensors: number }
  io: { registerLoadRouter(router: (url: string | string[]) => unknown): void }
}

interface ModelJson {
  modelTopology: unknown
  weightsManifest: { paths: string[]; weights: unknown[] }[]
  format?: string
  generatedBy?: string
  convertedBy?: string
  signature?: unknown
  userDefinedMetadata?: unknown
  modelInitializer?: unknown
}

/** A tfjs IOHandler that reads model.json and its weight shards from disk. */
function fileModelHandler(url: string) {
  return {
    load: async () => {
      const jsonPath = new URL(url)
      const model = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelJson
      const shards = model.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(new URL(p, jsonPath))))
      const weightData = new Uint8Array(shards.reduce((sum, shard) => sum + shard.length, 0))
      let offset = 0
      for (const shard of shards) {
        weightData.set(shard, offset)
        offset += shard.length
      }
      return {
        modelTopology: model.modelTopology,
        weightSpecs: model.weightsManifest.flatMap((group) => group.weights),
        weightData: weightData.buffer,
        format: model.format,
        generatedBy: model.generatedBy,
        convertedBy: model.convertedBy,
        signature: model.signature,
        userDefinedMetadata: model.userDefinedMetadata,
        modelInitializer: model.modelInitializer
      }
    }
  }
}

/** tfjs keeps load routers in a registry per module instance: register ours once per thread. */
const routed = new WeakSet<object>()

export interface LoadedHuman {
  human: Human
  tf: TfApi
  files: HumanFiles
}

/**
 * Creates Human with the given configuration on the wasm backend, loads the enabled models from
 * node_modules and runs its init (backend set-up). Takes about a second.
 */
export async function loadHuman(config: Partial<Config>): Promise<LoadedHuman> {
  const files = humanFiles()
  const module = nodeRequire(files.entry) as { Human: new (config: Partial<Config>) => Human }
  const human = new module.Human({
    ...config,
    backend: 'wasm',
    wasmPath: files.wasmDir + '/',
    // Directory URL with a trailing slash: Human joins model file names onto it.
    modelBasePath: pathToFileURL(files.modelsDir).href + '/'
  })
  const tf = human.tf as TfApi
  if (!routed.has(tf.io)) {
    tf.io.registerLoadRouter((url) => (typeof url === 'string' && url.startsWith('file://') ? fileModelHandler(url) : null))
    routed.add(tf.io)
  }
  await human.load()
  await human.init()
  if (tf.getBackend() !== 'wasm') throw new Error(`Human started on the "${tf.getBackend()}" backend instead of wasm`)
  return { human, tf, files }
}
