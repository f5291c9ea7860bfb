/*!
 * search-ui.js: the archive's search page (plugins/templates/search.html).
 *
 * The search itself runs in a Web Worker (search-worker.js: lunr.min.js + shard-loader.js +
 * search-engine.js), or on this thread when Workers are unavailable. This file only keeps the
 * page in step with it: the query box (results as you type), the facet filters, the results,
 * the messages, and the URL (?q=...&region=...&year=...: replaceState while typing, pushState
 * on a filter, the back button restores). Every value from the index goes into the DOM as
 * text (textContent, createTextNode), never as HTML.
 */
;(function () {
  'use strict'

  var root = document.querySelector('[data-archive-search]')
  if (!root || root.getAttribute('data-search-ready')) return
  root.setAttribute('data-search-ready', 'true')

  var FACETS = ['year', 'region', 'actor', 'tag', 'status']
  var FOLDED = 8          // values of a facet shown before "Show all"
  var DEBOUNCE_MS = 200
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December']
  var FIELDS_HELP = 'title, summary, body, names, claims, sources'

  var here = document.baseURI
  var perPage = Math.max(1, parseInt(root.getAttribute('data-per-page'), 10) || 10)
  var indexUrl = new URL(root.getAttribute('data-index') || 'index/', here).href
  var assets = new URL(root.getAttribute('data-assets') || '../assets/search/', here).href
  var siteRoot = new URL(root.getAttribute('data-root') || '../', here).href

  var form = root.querySelector('form')
  var input = root.querySelector('input[type=search]')
  var statusBox = root.querySelector('[data-search-status]')
  var alertBox = root.querySelector('[data-search-alert]')
  var activeBox = root.querySelector('[data-search-active]')
  var filtersBox = root.querySelector('[data-search-filters]')
  var facetsBox = root.querySelector('[data-search-facets]')
  var list = root.querySelector('[data-search-results]')
  var moreButton = root.querySelector('[data-search-more]')

  // ---------------------------------------------------------------- small DOM helpers

  function el (tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined && text !== null) node.textContent = String(text)
    return node
  }

  function clear (node) {
    while (node.firstChild) node.removeChild(node.firstChild)
  }

  /* text with the given [start, end) ranges wrapped in <mark> */
  function highlighted (text, ranges) {
    var fragment = document.createDocumentFragment()
    var at = 0
    ;(ranges || []).forEach(function (range) {
      if (range[0] < at || range[1] > text.length) return
      if (range[0] > at) fragment.appendChild(document.createTextNode(text.slice(at, range[0])))
      fragment.appendChild(el('mark', '', text.slice(range[0], range[1])))
      at = range[1]
    })
    if (at < text.length) fragment.appendChild(document.createTextNode(text.slice(at)))
    return fragment
  }

  /* a URL of the index (relative to the site root) as a link target; anything else is refused */
  function siteHref (path) {
    path = String(path || '')
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.charAt(0) === '/' || path.charAt(0) === '\\') return null
    return new URL(path, siteRoot).href
  }

  function formatDate (iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso))
    return m ? parseInt(m[3], 10) + ' ' + MONTHS[parseInt(m[2], 10) - 1] + ' ' + m[1] : String(iso)
  }

  function plural (n, one, many) {
    return n + ' ' + (n === 1 ? one : many)
  }

  function cssToken (value) {
    return String(value).toLowerCase().replace(/[^a-z0-9-]/g, '')
  }

  // ---------------------------------------------------------------- the engine

  function loadScript (src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script')
      script.src = src
      script.onload = resolve
      script.onerror = function () { reject(new Error('could not load ' + src)) }
      document.head.appendChild(script)
    })
  }

  function onThisThread () {
    return ['lunr.min.js', 'shard-loader.js', 'search-engine.js'].reduce(function (done, name) {
      return done.then(function () { return loadScript(assets + name) })
    }, Promise.resolve()).then(function () {
      var engine = new window.ArchiveSearchEngine.Engine({ indexUrl: indexUrl })
      return { mode: 'page', search: function (args) { return engine.search(args) } }
    })
  }

  function inWorker () {
    return new Promise(function (resolve, reject) {
      if (typeof Worker === 'undefined') {
        reject(new Error('Web Workers are unavailable'))
        return
      }
      var worker
      try {
        worker = new Worker(assets + 'search-worker.js')
      } catch (e) {
        reject(e)
        return
      }
      var pending = new Map()
      var next = 0
      var broken = null
      var call = function (method, args) {
        return new Promise(function (resolve, reject) {
          if (broken) {
            reject(broken)
            return
          }
          next += 1
          pending.set(next, { resolve: resolve, reject: reject })
          worker.postMessage({ id: next, method: method, args: args })
        })
      }
      worker.onmessage = function (event) {
        var message = event.data || {}
        var waiting = pending.get(message.id)
        if (!waiting) return
        pending.delete(message.id)
        if ('error' in message) waiting.reject(new Error(message.error))
        else waiting.resolve(message.result)
      }
      worker.onerror = function (event) {
        if (event.preventDefault) event.preventDefault()
        broken = new Error('the search worker stopped' + (event.message ? ': ' + event.message : ''))
        pending.forEach(function (waiting) { waiting.reject(broken) })
        pending.clear()
        reject(broken)
      }
      call('init', { indexUrl: indexUrl }).then(function () {
        resolve({ mode: 'worker', search: function (args) { return call('search', args) } })
      }, reject)
    })
  }

  var backend = inWorker().catch(function () { return onThisThread() })
  backend.then(function (b) { root.setAttribute('data-search-mode', b.mode) }, function () {})

  // ---------------------------------------------------------------- state and URL

  function unique (values) {
    return values.filter(function (v, i) { return v && values.indexOf(v) === i })
  }

  function readUrl () {
    var params = new URLSearchParams(window.location.search)
    var filters = {}
    FACETS.forEach(function (name) {
      var values = unique(params.getAll(name))
      if (values.length) filters[name] = values
    })
    return { q: params.get('q') || '', filters: filters, limit: perPage }
  }

  function urlOf (s) {
    var params = new URLSearchParams()
    if (s.q.trim()) params.set('q', s.q)
    FACETS.forEach(function (name) {
      (s.filters[name] || []).slice().sort().forEach(function (value) { params.append(name, value) })
    })
    var query = params.toString()
    return window.location.pathname + (query ? '?' + query : '')
  }

  function remember (push) {
    var url = urlOf(state)
    if (url === window.location.pathname + window.location.search) return
    window.history[push ? 'pushState' : 'replaceState'](null, '', url)
  }

  function hasFilters () {
    return FACETS.some(function (name) { return (state.filters[name] || []).length > 0 })
  }

  var state = readUrl()

  // ---------------------------------------------------------------- searching

  var ticket = 0
  var lastAnswer = null
  var focusAfter = -1   // index of the result to focus after "More results"

  function run () {
    ticket += 1
    var mine = ticket
    root.setAttribute('data-search-busy', 'true')
    list.setAttribute('aria-busy', 'true')
    var request = { q: state.q, filters: state.filters, limit: state.limit }
    backend.then(function (b) { return b.search(request) }).then(function (answer) {
      if (mine === ticket) show(answer)
    }, function (error) {
      if (mine === ticket) {
        show({ q: state.q.trim(), total: 0, results: [], facets: [], idle: false,
          error: { type: 'LoadError', message: String((error && error.message) || error) } })
      }
    })
  }

  var timer = null
  function runSoon () {
    if (timer) clearTimeout(timer)
    timer = setTimeout(function () {
      timer = null
      run()
    }, DEBOUNCE_MS)
  }

  function show (answer) {
    lastAnswer = answer
    pruneUnknownFilters(answer.facets)
    renderAlert(answer.error)
    renderFacets(answer.facets)
    renderActive()
    renderResults(answer)
    renderStatus(answer)
    list.removeAttribute('aria-busy')
    root.setAttribute('data-search-shown', answer.q || '')
    root.setAttribute('data-search-busy', 'false')
  }

  /* filters from an old link that this build does not know are dropped from the URL */
  function pruneUnknownFilters (facets) {
    if (!facets || !facets.length) return
    var changed = false
    facets.forEach(function (facet) {
      var known = {}
      facet.values.forEach(function (v) { known[v.id] = true })
      var wanted = state.filters[facet.name] || []
      var kept = wanted.filter(function (id) { return known[id] })
      if (kept.length !== wanted.length) {
        changed = true
        if (kept.length) state.filters[facet.name] = kept
        else delete state.filters[facet.name]
      }
    })
    if (changed) remember(false)
  }

  // ---------------------------------------------------------------- messages

  function friendly (error) {
    var message = String(error.message || '')
    if (error.type === 'QueryTooBroad') return [message, '']
    if (error.type !== 'QueryParseError') {
      return ['The search could not be loaded (' + message + ').', 'Check the connection and reload the page.']
    }
    var field = /unrecognised field '([^']*)'/.exec(message)
    if (field) {
      return ['There is no field called “' + field[1] + '”.', 'The fields are ' + FIELDS_HELP + ', as in title:wagner.']
    }
    if (/expecting term or field, found nothing/.test(message)) {
      return ['A + or - needs a word right after it.', 'For example +drone or -kursk.']
    }
    if (/expecting term, found nothing/.test(message)) {
      return ['A field name needs a word after the colon.', 'For example title:wagner.']
    }
    if (/edit distance must be numeric/.test(message)) {
      return ['A ~ needs a number after it.', 'For example kursk~1 finds words one letter away.']
    }
    if (/boost must be numeric/.test(message)) {
      return ['A ^ needs a number after it.', 'For example drone^5 gives the word more weight.']
    }
    return ['This search could not be understood: ' + message + '.', 'See “How to search” above.']
  }

  function renderAlert (error) {
    clear(alertBox)
    if (!error) return
    var text = friendly(error)
    alertBox.appendChild(el('p', 'archive-search__alert-text', text[0]))
    if (text[1]) alertBox.appendChild(el('p', 'archive-search__alert-hint', text[1]))
  }

  function renderStatus (answer) {
    var text
    var q = answer.q
    if (answer.error) {
      text = ''
    } else if (answer.idle) {
      var total = 0
      var year = (answer.facets || []).filter(function (f) { return f.name === 'year' })[0]
      if (year) year.values.forEach(function (v) { total += v.count })
      text = (total ? 'Search ' + plural(total, 'article', 'articles') + ': ' : '') +
        'type words or names, or choose filters.'
    } else {
      var filters = hasFilters() ? ' with the chosen filters' : ''
      if (!answer.total) {
        text = q ? 'No article found for “' + q + '”' + filters + '.' : 'No article matches the chosen filters.'
      } else if (q) {
        text = plural(answer.total, 'article', 'articles') + ' found for “' + q + '”' + filters + '.'
      } else {
        text = plural(answer.total, 'article matches', 'articles match') + ' the chosen filters.'
      }
      if (answer.total && answer.results.length < answer.total) text += ' Showing the first ' + answer.results.length + '.'
    }
    statusBox.textContent = text
  }

  // ---------------------------------------------------------------- results

  function renderResults (answer) {
    clear(list)
    answer.results.forEach(function (result) { list.appendChild(resultItem(result)) })
    moreButton.hidden = !(answer.results.length < answer.total)
    if (focusAfter >= 0) {
      var item = list.children[Math.min(focusAfter, list.children.length - 1)]
      var link = item && item.querySelector('a')
      if (link) link.focus()
      focusAfter = -1
    }
  }

  function resultItem (result) {
    var record = result.record || {}
    var item = el('li', 'archive-search-result')
    var heading = el('h2', 'archive-search-result__title')
    var href = siteHref(record.u)
    var title = highlighted(String(record.t || ''), result.marks && result.marks.t)
    if (href) {
      var link = el('a')
      link.href = href
      link.appendChild(title)
      heading.appendChild(link)
    } else {
      heading.appendChild(title)
    }
    item.appendChild(heading)

    var meta = el('p', 'archive-search-result__meta')
    var time = el('time', '', formatDate(record.d))
    time.setAttribute('datetime', String(record.d || ''))
    meta.appendChild(time)
    if (record.v) {
      meta.appendChild(document.createTextNode(' '))
      meta.appendChild(el('span', 'archive-badge archive-badge--' + cssToken(record.v), String(record.v).replace(/-/g, ' ')))
    }
    item.appendChild(meta)

    if (record.s) {
      var summary = el('p', 'archive-search-result__summary')
      summary.appendChild(highlighted(String(record.s), result.marks && result.marks.s))
      item.appendChild(summary)
    }

    var chips = (record.c || []).filter(function (c) { return c && c.length >= 2 })
    if (chips.length) {
      var row = el('ul', 'archive-search-result__chips')
      row.setAttribute('aria-label', 'Regions and actors')
      chips.forEach(function (chip) {
        var li = el('li')
        var target = chip[2] ? siteHref(chip[2]) : null
        var node = el(target ? 'a' : 'span', 'archive-chip archive-chip--' + cssToken(chip[0]), chip[1])
        if (target) node.href = target
        li.appendChild(node)
        row.appendChild(li)
      })
      item.appendChild(row)
    }
    return item
  }

  // ---------------------------------------------------------------- facets

  var views = null   // facet name -> { box, rows: Map(id -> row), toggle, expanded }

  function buildFacets (facets) {
    views = {}
    clear(facetsBox)
    facets.forEach(function (facet) {
      var box = el('fieldset', 'archive-search__facet')
      box.appendChild(el('legend', 'archive-search__facet-label', facet.label))
      var ul = el('ul', 'archive-search__facet-values')
      var rows = new Map()
      facet.values.forEach(function (value) {
        var li = el('li')
        var label = el('label', 'archive-search__facet-value')
        var box_ = el('input')
        box_.type = 'checkbox'
        box_.name = facet.name
        box_.value = value.id
        box_.addEventListener('change', function () { toggleFilter(facet.name, value.id, box_.checked) })
        var count = el('span', 'archive-search__count')
        label.appendChild(box_)
        label.appendChild(el('span', 'archive-search__value-name', value.name))
        label.appendChild(document.createTextNode(' '))
        label.appendChild(count)
        li.appendChild(label)
        ul.appendChild(li)
        rows.set(value.id, { li: li, input: box_, count: count, name: value.name })
      })
      box.appendChild(ul)
      var toggle = el('button', 'archive-search__toggle')
      toggle.type = 'button'
      toggle.setAttribute('aria-expanded', 'false')
      var view = { box: box, rows: rows, toggle: toggle, expanded: false, label: facet.label }
      toggle.addEventListener('click', function () {
        view.expanded = !view.expanded
        if (lastAnswer) renderFacets(lastAnswer.facets)
      })
      box.appendChild(toggle)
      facetsBox.appendChild(box)
      views[facet.name] = view
    })
    filtersBox.hidden = false
  }

  function renderFacets (facets) {
    if (!facets || !facets.length) return
    if (!views) buildFacets(facets)
    facets.forEach(function (facet) {
      var view = views[facet.name]
      if (!view) return
      var shown = 0
      var relevant = 0
      facet.values.forEach(function (value) {
        var row = view.rows.get(value.id)
        if (!row) return
        row.input.checked = !!value.selected
        row.count.textContent = String(value.count)
        row.count.appendChild(el('span', 'archive-search-sr', value.count === 1 ? ' article' : ' articles'))
        var useful = value.count > 0 || value.selected
        if (useful) relevant += 1
        var visible = useful && (view.expanded || value.selected || shown < FOLDED)
        if (visible) shown += 1
        row.li.hidden = !visible
      })
      view.box.hidden = relevant === 0
      view.toggle.hidden = relevant <= FOLDED
      view.toggle.textContent = view.expanded ? 'Show fewer' : 'Show all ' + relevant
      view.toggle.setAttribute('aria-expanded', view.expanded ? 'true' : 'false')
    })
  }

  function toggleFilter (name, id, on) {
    var values = (state.filters[name] || []).filter(function (v) { return v !== id })
    if (on) values.push(id)
    if (values.length) state.filters[name] = values
    else delete state.filters[name]
    state.limit = perPage
    remember(true)
    run()
  }

  /* the chosen filters as buttons that remove them (handy on a phone, where the list is folded) */
  function renderActive () {
    clear(activeBox)
    var any = false
    FACETS.forEach(function (name) {
      var view = views && views[name]
      ;(state.filters[name] || []).forEach(function (id) {
        var row = view && view.rows.get(id)
        if (!row) return
        any = true
        var button = el('button', 'archive-search__remove')
        button.type = 'button'
        button.setAttribute('aria-label', 'Remove the filter ' + view.label + ': ' + row.name)
        button.appendChild(el('span', 'archive-search__remove-label', view.label + ': '))
        button.appendChild(document.createTextNode(row.name))
        button.appendChild(el('span', 'archive-search__remove-x', ' ×'))
        button.addEventListener('click', function () {
          toggleFilter(name, id, false)
          input.focus()
        })
        activeBox.appendChild(button)
      })
    })
    if (any) {
      var all = el('button', 'archive-search__remove archive-search__remove--all', 'Clear filters')
      all.type = 'button'
      all.addEventListener('click', function () {
        state.filters = {}
        state.limit = perPage
        remember(true)
        run()
        input.focus()
      })
      activeBox.appendChild(all)
    }
    activeBox.hidden = !any
  }

  // ---------------------------------------------------------------- events

  input.addEventListener('input', function () {
    state.q = input.value
    state.limit = perPage
    remember(false)
    runSoon()
  })

  form.addEventListener('submit', function (event) {
    event.preventDefault()
    if (timer) clearTimeout(timer)
    timer = null
    state.q = input.value
    state.limit = perPage
    remember(false)
    run()
  })

  moreButton.addEventListener('click', function () {
    focusAfter = list.children.length
    state.limit += perPage
    run()
  })

  window.addEventListener('popstate', function () {
    state = readUrl()
    input.value = state.q
    run()
  })

  // filters unfolded on a wide screen, folded under "Filters" on a phone
  if (window.matchMedia) {
    var wide = window.matchMedia('(min-width: 60em)')
    filtersBox.open = wide.matches
    var follow = function (event) { if (event.matches) filtersBox.open = true }
    if (wide.addEventListener) wide.addEventListener('change', follow)
  } else {
    filtersBox.open = true
  }

  input.value = state.q
  statusBox.textContent = 'Loading the search…'
  run()
  if (!state.q && !hasFilters()) input.focus()
}())
