// True while the push channel has been down for a few seconds (HTTP mode); short blips are not shown.
import { useEffect, useState } from 'react'
import { useConnection } from './useConnection'

export function usePushLost(delayMs = 3000): boolean {
  const connection = useConnection()
  const [lost, setLost] = useState(false)

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = connection.onPushState((state) => {
      if (state === 'open') {
        clearTimeout(timer)
        timer = undefined
        setLost(false)
      } else if (state === 'closed' && timer === undefined) {
        timer = setTimeout(() => setLost(true), delayMs)
      }
    })
    return () => {
      unsubscribe()
      clearTimeout(timer)
    }
  }, [connection, delayMs])

  return lost
}
