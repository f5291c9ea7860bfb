/*
 * What the node harnesses share (tests/js/lunr_harness.js, tests/search_site/engine_harness.js):
 * lunr 2.3.9 from node_modules, a fetch that reads a folder's files, and the job loop
 * (JOBS.json, or JSON on stdin, in; one JSON answer per job out).
 */
'use strict'
const fs = require('fs')
const path = require('path')

const repo = path.resolve(__dirname, '..', '..')

function loadLunr () {
  try {
    return require(path.join(repo, 'node_modules', 'lunr'))
  } catch (e) {
    process.stderr.write('lunr is not installed: run `npm ci` in ' + repo + '\n')
    process.exit(3)
  }
}

/* A fetch over the files of `dir`, as a static host would serve them (404 when missing). */
function fileFetch (dir) {
  return async function (url) {
    const file = path.join(dir, String(url).split('?')[0])
    if (!fs.existsSync(file)) return { ok: false, status: 404 }
    const buf = fs.readFileSync(file)
    return {
      ok: true,
      status: 200,
      arrayBuffer: async () => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
    }
  }
}

/* Run the jobs named on the command line (or given on stdin) with `handlers[job.cmd]`. */
function runJobs (handlers) {
  async function main () {
    const text = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : fs.readFileSync(0, 'utf8')
    const out = []
    for (const job of JSON.parse(text)) {
      const handler = handlers[job.cmd]
      if (!handler) throw new Error('unknown cmd ' + job.cmd)
      out.push(await handler(job))
    }
    process.stdout.write(JSON.stringify(out))
  }
  main().catch(e => { process.stderr.write(String((e && e.stack) || e) + '\n'); process.exit(1) })
}

module.exports = { repo, loadLunr, fileFetch, runJobs }
