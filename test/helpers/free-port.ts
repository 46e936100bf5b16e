/** A TCP port on loopback that was free a moment ago: the benchmark's own finder, so there is one. */
export { freePort } from '../../bench/lib/processes';
