/*!
 * search-engine.js: the archive's search, without the page: a query and filters in, the
 * results to show out (records, highlights, facet counts). Runs in the search page's Web
 * Worker (search-worker.js), on the main thread when Workers are unavailable, and in node
 * for the tests and the benchmark.
 *
 *   importScripts('lunr.min.js', 'shard-loader.js', 'search-engine.js')
 *   var engine = new ArchiveSearchEngine.Engine({ indexUrl: 'https://host/site/search/index/' })
 *   var answer = await engine.search({ q: 'belg*', filters: { year: ['2024'] }, limit: 10 })
 *
 * answer = {
 *   q, total,                      matching articles (query and filters)
 *   results: [{ doc, score, record, marks: { t: [[start, end]...], s: [...] } }],
 *                                  the first `limit`: record = the display record written by
 *                                  archive/search/documents.py (t title, d date, u url from the
 *                                  site root, s summary, v status, c chips [kind, name, url]);
 *                                  marks = UTF-16 ranges of the title and summary to highlight
 *   facets: [{ name, label, values: [{ id, name, count, selected }] }]   counts of articles
 *                                  matching the query and the *other* facets' filters
 *   error: null | { type, message, start?, end? }    never thrown
 *   idle: true when there is neither a query nor a filter (nothing is listed)
 *   stats: { bytes, requests, files }                fetched by this call
 * }
 * Data only: the page puts every string in the DOM as text.
 */
;(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory(function () { return require('lunr') }, function () { return require('./shard-loader.js') })
  } else {
    root.ArchiveSearchEngine = factory(function () { return root.lunr }, function () { return root.ArchiveSearch })
  }
}(typeof self !== 'undefined' ? self : this, function (defaultLunr, defaultLoader) {
  'use strict'

  var FACETS_FORMAT = 'archive-search-facets'
  /* Word characters for highlighting: as the index's Unicode trimmer (letters, marks, digits, _). */
  var EDGE = /^[^\p{L}\p{M}\p{N}_]+|[^\p{L}\p{M}\p{N}_]+$/gu
  var SEPARATOR = /[\s\-]+/g
  var POSSESSIVE = /['\u2019]s?$/

  function decodeDeltas (deltas) {
    var out = new Int32Array(deltas.length)
    var total = 0
    for (var i = 0; i < deltas.length; i++) {
      total += deltas[i]
      out[i] = total
    }
    return out
  }

  function decodeFacets (json) {
    return json.facets.map(function (f) {
      var byId = new Map()
      var values = f.values.map(function (v, i) {
        var value = { id: String(v[0]), name: String(v[1]), count: v[2], docs: decodeDeltas(f.docs[i]) }
        byId.set(value.id, value)
        return value
      })
      return { name: f.name, label: f.label, values: values, byId: byId }
    })
  }

  /* A query too costly for a sharded index (it would fetch most of it): a friendly error, or null. */
  function tooBroad (query) {
    for (var i = 0; i < query.clauses.length; i++) {
      var clause = query.clauses[i]
      var term = String(clause.term)
      var letters = term.replace(/\*/g, '').length
      if (term.indexOf('*') !== -1 && letters < 2) {
        return { type: 'QueryTooBroad', message: 'A wildcard needs at least two letters with it, as in belg* or *grad.' }
      }
      var distance = clause.editDistance || 0
      if (distance > 2) {
        return { type: 'QueryTooBroad', message: 'Fuzzy matching goes up to two letters: kursk~1 or kursk~2.' }
      }
      if (distance > 0 && letters <= 2 * distance) {
        return { type: 'QueryTooBroad', message: 'Fuzzy matching needs a longer word: ~1 on words of three letters or more, ~2 on five or more.' }
      }
    }
    return null
  }

  /**
   * @param {Object} options
   * @param {string} options.indexUrl       folder of manifest.json and facets.json (absolute, or relative to the caller)
   * @param {Function} [options.fetch]      fetch-compatible function (default: global fetch)
   * @param {Object} [options.lunr]         lunr (default: global / require)
   * @param {Object} [options.loader]       shard-loader's exports (default: global ArchiveSearch / require)
   */
  function Engine (options) {
    var base = options.indexUrl || ''
    if (base && base.charAt(base.length - 1) !== '/') base += '/'
    this.indexUrl = base
    this.lunr = options.lunr || defaultLunr()
    this.loader = options.loader || defaultLoader()
    var rawFetch = options.fetch || fetch.bind(typeof self !== 'undefined' ? self : globalThis)
    var engine = this
    /* every request of the engine and its index goes through here: counted for `stats` */
    this.fetched = []
    this._fetch = async function (url, init) {
      var response = await rawFetch(url, init)
      if (!response || response.ok === false) return response
      var buffer = await response.arrayBuffer()
      engine.fetched.push({ url: String(url).split('?')[0].slice(engine.indexUrl.length), bytes: buffer.byteLength })
      return { ok: true, status: response.status, arrayBuffer: async function () { return buffer } }
    }
    this.index = new this.loader.ShardedIndex({ baseUrl: base, fetch: this._fetch, lunr: this.lunr })
    this.facets = null
    this._ready = null
    this._last = null   // { q, results } of the last query, for "More results"
  }

  Engine.prototype._facetsJson = async function (query) {
    var response = await this._fetch(this.indexUrl + 'facets.json' + query, { cache: query ? 'reload' : 'no-cache' })
    if (!response || response.ok === false) throw new Error('could not load facets.json')
    return JSON.parse(new TextDecoder('utf-8').decode(await response.arrayBuffer()))
  }

  /* The manifest and the facets, fetched together; facets from another build are refetched once. */
  Engine.prototype.ready = function () {
    var engine = this
    if (!this._ready) {
      this._ready = (async function () {
        var both = await Promise.all([engine.index.ready(), engine._facetsJson('')])
        var manifest = both[0]
        var facets = both[1]
        if (facets.format !== FACETS_FORMAT || facets.index !== manifest.version) {
          facets = await engine._facetsJson('?v=' + encodeURIComponent(manifest.version))
        }
        if (facets.format === FACETS_FORMAT && facets.index === manifest.version && facets.documentCount === manifest.documentCount) {
          engine.facets = decodeFacets(facets)
        } else {
          engine.facets = []   // a half-deployed site: search without filters rather than wrong counts
        }
        engine.pipeline = engine.lunr.Pipeline.load(manifest.pipeline)
        return manifest
      })()
      this._ready.catch(function () { engine._ready = null })
    }
    return this._ready
  }

  /* Highlight ranges of `text`: the words whose index term is one of `terms`. */
  Engine.prototype.marks = function (text, terms) {
    var out = []
    if (!text || !terms.size) return out
    var re = new RegExp(SEPARATOR.source, 'g')
    var start = 0
    var m
    var pieces = []
    while ((m = re.exec(text)) !== null) {
      if (m.index > start) pieces.push([start, m.index])
      start = m.index + m[0].length
    }
    if (start < text.length) pieces.push([start, text.length])
    for (var i = 0; i < pieces.length; i++) {
      var word = text.slice(pieces[i][0], pieces[i][1])
      var lead = word.length - word.replace(/^[^\p{L}\p{M}\p{N}_]+/u, '').length
      var core = word.replace(EDGE, '')
      if (!core) continue
      var lower = core.normalize('NFC').toLowerCase()
      var stems = this.pipeline.runString(lower)
      // lunr indexes "Belgorod's" as "belgorod'": show it as a match of "belgorod" all the same
      var bare = lower.replace(POSSESSIVE, '')
      if (bare !== lower && bare) stems = stems.concat(this.pipeline.runString(bare))
      for (var k = 0; k < stems.length; k++) {
        if (terms.has(stems[k])) {
          out.push([pieces[i][0] + lead, pieces[i][0] + lead + core.length])
          break
        }
      }
    }
    return out
  }

  Engine.prototype._query = async function (q) {
    if (this._last && this._last.q === q) return this._last
    var query
    try {
      query = this.loader.parseQuery(this.lunr, this.index.fields, q)
    } catch (e) {
      query = null   // index.search reports the parse error with its position
    }
    var broad = query && tooBroad(query)
    var answer = broad ? { results: [], error: broad } : await this.index.search(q)
    if (!answer.error) this._last = { q: q, results: answer.results, error: null }
    return { q: q, results: answer.results, error: answer.error }
  }

  /**
   * @param {Object} request { q: string, filters: { facetName: [valueId, …] }, limit: number }
   */
  Engine.prototype.search = async function (request) {
    var before = this.fetched.length
    var engine = this
    var stats = function () {
      var files = engine.fetched.slice(before)
      return {
        bytes: files.reduce(function (sum, f) { return sum + f.bytes }, 0),
        requests: files.length,
        files: files.map(function (f) { return f.url })
      }
    }
    var q = String((request && request.q) || '').trim()
    var filters = (request && request.filters) || {}
    var limit = Math.max(1, (request && request.limit) || 10)
    try {
      var manifest = await this.ready()
      var n = manifest.documentCount

      // the documents the query matches, in lunr's order (score, best first)
      var ranked = null
      var error = null
      if (q) {
        var answer = await this._query(q)
        if (answer.error) {
          error = answer.error   // counts and list as if without the query; nothing is listed
        } else {
          ranked = answer.results
        }
      }
      var matching = null   // null: every document
      if (ranked) {
        matching = new Uint8Array(n)
        for (var r = 0; r < ranked.length; r++) matching[this.index.docNumber(ranked[r].ref)] = 1
      }

      // filters: values of one facet are alternatives (or), facets combine (and)
      var masks = []
      var selectedIds = {}
      this.facets.forEach(function (facet) {
        var wanted = (filters[facet.name] || []).map(String).filter(function (id) { return facet.byId.has(id) })
        selectedIds[facet.name] = new Set(wanted)
        if (!wanted.length) return
        var mask = new Uint8Array(n)
        wanted.forEach(function (id) {
          var docs = facet.byId.get(id).docs
          for (var i = 0; i < docs.length; i++) mask[docs[i]] = 1
        })
        masks.push({ name: facet.name, mask: mask })
      })
      var combine = function (skip) {
        var parts = masks.filter(function (m) { return m.name !== skip }).map(function (m) { return m.mask })
        if (matching) parts.push(matching)
        if (!parts.length) return null
        var out = new Uint8Array(n)
        out.set(parts[0])
        for (var p = 1; p < parts.length; p++) {
          var part = parts[p]
          for (var d = 0; d < n; d++) out[d] &= part[d]
        }
        return out
      }
      var selected = combine(null)
      var idle = !q && !masks.length && !error

      // facet counts: each facet counted against the query and the other facets' filters
      var facets = this.facets.map(function (facet) {
        var base = masks.length || matching ? combine(facet.name) : null
        return {
          name: facet.name,
          label: facet.label,
          values: facet.values.map(function (value) {
            var count = value.count
            if (base) {
              count = 0
              for (var i = 0; i < value.docs.length; i++) count += base[value.docs[i]]
            }
            return { id: value.id, name: value.name, count: count, selected: selectedIds[facet.name].has(value.id) }
          })
        }
      })

      // the list: lunr's order for a query, newest first for filters alone
      var list = []
      if (error) {
        list = []
      } else if (ranked) {
        for (var k = 0; k < ranked.length; k++) {
          var doc = this.index.docNumber(ranked[k].ref)
          if (!selected || selected[doc]) list.push({ doc: doc, score: ranked[k].score, match: ranked[k].matchData })
        }
      } else if (!idle) {
        for (var d = n - 1; d >= 0; d--) if (selected[d]) list.push({ doc: d, score: 0, match: null })
      }
      var shown = list.slice(0, limit)
      var records = shown.length ? await this.index.docData('display', shown.map(function (x) { return x.doc })) : []
      var results = shown.map(function (x, i) {
        var record = records[i]
        var terms = new Set(x.match ? Object.keys(x.match.metadata) : [])
        return {
          doc: x.doc,
          score: x.score,
          record: record,
          marks: { t: engine.marks(record.t, terms), s: engine.marks(record.s, terms) }
        }
      })
      return { q: q, total: list.length, results: results, facets: facets, error: error, idle: idle, stats: stats() }
    } catch (e) {
      return {
        q: q, total: 0, results: [], facets: [], idle: false, stats: stats(),
        error: { type: (e && e.name) || 'Error', message: String((e && e.message) || e) }
      }
    }
  }

  return { Engine: Engine, decodeDeltas: decodeDeltas, tooBroad: tooBroad }
}))
