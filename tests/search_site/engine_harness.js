#!/usr/bin/env node
/*
 * Runs the search page's engine (archive/search/assets/search-engine.js, with shard-loader.js
 * and lunr 2.3.9 from node_modules) on a built site's search/index/ folder, as the page's
 * worker would, reading files instead of fetching them.
 *
 *   node tests/search_site/engine_harness.js JOBS.json   (or JSON on stdin)
 *
 * JOBS is a list; stdout is a JSON list with one answer per job.
 *   {cmd: "search", dir, requests: [{q, filters, limit}], cold?}
 *       -> {answers: [<engine answer>]}   cold: a new engine (empty cache) for each request
 *   {cmd: "marks", dir, text, terms} -> {marks}   Engine#marks (highlight ranges)
 */
'use strict'
const fs = require('fs')
const path = require('path')

const repo = path.resolve(__dirname, '..', '..')
let lunr
try {
  lunr = require(path.join(repo, 'node_modules', 'lunr'))
} catch (e) {
  process.stderr.write('lunr is not installed: run `npm ci` in ' + repo + '\n')
  process.exit(3)
}
const assets = path.join(repo, 'archive', 'search', 'assets')
const loader = require(path.join(assets, 'shard-loader.js'))
const { Engine } = require(path.join(assets, 'search-engine.js'))

function fileFetch (dir) {
  return async function (url) {
    const file = path.join(dir, String(url).split('?')[0])
    if (!fs.existsSync(file)) return { ok: false, status: 404 }
    const buf = fs.readFileSync(file)
    return { ok: true, status: 200, arrayBuffer: async () => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) }
  }
}

function engineFor (dir) {
  return new Engine({ indexUrl: '', fetch: fileFetch(dir), lunr, loader })
}

const handlers = {
  async search (job) {
    let shared = job.cold ? null : engineFor(job.dir)
    const answers = []
    for (const request of job.requests) {
      const engine = job.cold ? engineFor(job.dir) : shared
      answers.push(await engine.search(request))
    }
    return { answers }
  },
  async marks (job) {
    const engine = engineFor(job.dir)
    await engine.ready()
    return { marks: engine.marks(job.text, new Set(job.terms)) }
  }
}

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
