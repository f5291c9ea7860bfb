#!/usr/bin/env node
/*
 * Test and benchmark harness: runs lunr.js 2.3.9 (node_modules/lunr) and
 * archive/search/assets/shard-loader.js on jobs given as JSON.
 *
 *   node tests/js/lunr_harness.js JOBS.json   (or JSON on stdin)
 *
 * JOBS is a list of jobs; stdout is a JSON list with one answer per job.
 *   {cmd: "stem", words}                         -> {stems}      lunr.stemmer
 *   {cmd: "separators"}                          -> {codeUnits}  BMP code units lunr.tokenizer splits on
 *   {cmd: "tokenize", text}                      -> {tokens}     lunr.tokenizer
 *   {cmd: "lower", strings}                      -> {strings}    String#toLowerCase
 *   {cmd: "cyrillic", words}                     -> {stems}      shard-loader's cyrillicStem
 *   {cmd: "shardFor", first, terms}              -> {shards}     ShardedIndex#shardFor
 *   {cmd: "docData", dir, name, docs}            -> {values}     ShardedIndex#docData
 *   {cmd: "queryTerms", fields, queries}         -> {terms}      query parser + search pipeline
 *   {cmd: "build", fields, docs, out?}           -> {path, cpuSeconds}  lunr.js builds (JSON to out)
 *   {cmd: "search", index, queries, limit?}      -> {answers}    lunr.Index.load(index file) + search
 *   {cmd: "shards", dir, queries, limit?, cold?} -> {answers}    ShardedIndex over files in dir
 * An answer is {results: [{ref, score, matchData}], error, stats?}.
 */
'use strict'
const fs = require('fs')
const path = require('path')
const { repo, loadLunr, fileFetch, runJobs } = require('./harness_common.js')

const lunr = loadLunr()
const ArchiveSearch = require(path.join(repo, 'archive', 'search', 'assets', 'shard-loader.js'))
ArchiveSearch.registerPipelineFunctions(lunr)

function plain (results, limit) {
  const out = limit ? results.slice(0, limit) : results
  return out.map(r => ({ ref: r.ref, score: r.score, matchData: r.matchData.metadata }))
}

const handlers = {
  stem (job) {
    return { stems: job.words.map(w => lunr.stemmer(new lunr.Token(w)).toString()) }
  },
  separators () {
    const out = []
    for (let c = 0; c < 0x10000; c++) {
      if (lunr.tokenizer.separator.test(String.fromCharCode(c))) out.push(c)
    }
    return { codeUnits: out }
  },
  tokenize (job) {
    return { tokens: lunr.tokenizer(job.text).map(t => t.toString()) }
  },
  lower (job) {
    return { strings: job.strings.map(s => s.toLowerCase()) }
  },
  shardFor (job) {
    const index = new ArchiveSearch.ShardedIndex({ baseUrl: '', fetch: async () => null, lunr })
    index.manifest = { shards: { first: job.first } }
    return { shards: job.terms.map(t => index.shardFor(t)) }
  },
  async docData (job) {
    const index = new ArchiveSearch.ShardedIndex({ baseUrl: '', fetch: fileFetch(job.dir), lunr })
    return { values: await index.docData(job.name, job.docs) }
  },
  cyrillic (job) {
    return { stems: job.words.map(w => ArchiveSearch.cyrillicStem(w)) }
  },
  queryTerms (job) {
    const pipeline = lunr.Pipeline.load(job.pipeline || ['stemmer'])
    return {
      terms: job.queries.map(q => {
        const query = ArchiveSearch.parseQuery(lunr, job.fields, q)
        return query.clauses.map(c => c.usePipeline ? pipeline.runString(c.term) : [c.term])
      })
    }
  },
  build (job) {
    const cpu = process.cpuUsage()
    const idx = lunr(function () {
      this.ref('ref')
      for (const f of job.fields) this.field(f.name, f.boost ? { boost: f.boost } : {})
      for (const d of job.docs) this.add(d, d.__boost ? { boost: d.__boost } : undefined)
    })
    const used = process.cpuUsage(cpu)
    if (job.out) fs.writeFileSync(job.out, JSON.stringify(idx))
    return { path: job.out, cpuSeconds: (used.user + used.system) / 1e6 }
  },
  search (job) {
    const idx = ArchiveSearch.loadMonolithic(lunr, fs.readFileSync(job.index, 'utf8'))
    return {
      answers: job.queries.map(q => {
        const a = ArchiveSearch.safeSearch(lunr, idx, q)
        return { results: plain(a.results, job.limit), error: a.error }
      })
    }
  },
  async shards (job) {
    const make = () => new ArchiveSearch.ShardedIndex({ baseUrl: '', fetch: fileFetch(job.dir), lunr })
    let shared = job.cold ? null : make()
    const answers = []
    for (const q of job.queries) {
      const index = job.cold ? make() : shared
      const a = await index.search(q)
      answers.push({ results: plain(a.results, job.limit), error: a.error, stats: a.stats })
    }
    return { answers }
  }
}

runJobs(handlers)
