// The addresses other devices on the network reach this computer at: what a camera calling a webhook needs.
import { networkInterfaces } from 'node:os'

/** Non-loopback IPv4 addresses, in interface order (cameras are configured with IPv4 almost always). */
export function lanAddresses(): string[] {
  const found: string[] = []
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal && !found.includes(entry.address)) found.push(entry.address)
    }
  }
  return found
}
