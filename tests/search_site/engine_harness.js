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
const path = require('path')
const { repo, loadLunr, fileFetch, runJobs } = require('../js/harness_common.js')

const lunr = loadLunr()
const assets = path.join(repo, 'archive', 'search', 'assets')
const loader = require(path.join(assets, 'shard-loader.js'))
const { Engine } = require(path.join(assets, 'search-engine.js'))

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

runJobs(handlers)
