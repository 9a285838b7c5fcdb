// Where the CPU went during a measurement, from /proc (Linux): the whole machine, the server
// process and the load generator (this process). "Other" is everything else: the PostgreSQL
// server when it runs here, and whatever else the machine was doing. Elsewhere: null.
import { readFileSync } from 'node:fs'

/** USER_HZ: the unit of /proc/stat and /proc/<pid>/stat, 100 on every mainstream Linux. */
const TICKS_PER_SECOND = 100

interface Snapshot {
  at: number
  machine: number
  server: number
  loadGenerator: number
}

export interface CpuUse {
  /** Cores' worth of CPU used on average over the window (1.0 = one core flat out). */
  machineCores: number
  serverCores: number
  loadGeneratorCores: number
  otherCores: number
  cores: number
}

function machineBusyTicks(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number)
  const [user = 0, nice = 0, system = 0, _idle = 0, _iowait = 0, irq = 0, softirq = 0, steal = 0] =
    fields
  return user + nice + system + irq + softirq + steal
}

/** A process's user and system time so far, in ticks (utime and stime of /proc/<pid>/stat). */
function processTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after "(comm)": state is field 3, utime 14, stime 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { user: Number(rest[11]), system: Number(rest[12]) }
}

function processTicks(pid: number): number {
  const { user, system } = processTimes(pid)
  return user + system
}

/** A process's user and system CPU time so far, in seconds (Linux). */
export function processCpu(pid: number): { user: number; system: number } {
  const { user, system } = processTimes(pid)
  return { user: user / TICKS_PER_SECOND, system: system / TICKS_PER_SECOND }
}

export function cpuSnapshot(serverPid: number): Snapshot | null {
  try {
    return {
      at: performance.now(),
      machine: machineBusyTicks(),
      server: processTicks(serverPid),
      loadGenerator: processTicks(process.pid),
    }
  } catch {
    return null
  }
}

export function cpuUse(a: Snapshot | null, b: Snapshot | null, cores: number): CpuUse | null {
  if (!a || !b || b.at <= a.at) return null
  const seconds = (b.at - a.at) / 1000
  const c = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100
  const machineCores = c(b.machine - a.machine)
  const serverCores = c(b.server - a.server)
  const loadGeneratorCores = c(b.loadGenerator - a.loadGenerator)
  return {
    machineCores,
    serverCores,
    loadGeneratorCores,
    otherCores: Math.max(
      0,
      Math.round((machineCores - serverCores - loadGeneratorCores) * 100) / 100,
    ),
    cores,
  }
}
