/* crm-affinity report: draws the charts from the page's JSON with Apache ECharts (inlined above), and makes the
   segment tabs switch and the rules tables sort and filter. No network, no other library. */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var specs = data.charts || {};
  var drawn = [];
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif';

  function whole(v) {
    return Math.round(v).toLocaleString('en-US');
  }

  /** Axis labels: 1.2M, 350k, 12. */
  function short(v) {
    var a = Math.abs(v);
    if (a >= 1e6) {
      return (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + 'M';
    }
    if (a >= 1e4) {
      return Math.round(v / 1e3) + 'k';
    }
    return String(Math.round(v * 100) / 100);
  }

  var FORMATS = {
    count: whole,
    money: whole,
    seconds: function (v) { return v.toFixed(1) + ' s'; }
  };

  function base() {
    return {
      animation: false,
      textStyle: { fontFamily: FONT, fontSize: 12, color: '#2d3748' },
      tooltip: { confine: true }
    };
  }

  /**
   * A value axis. Its name goes below a horizontal axis, and above a vertical one (left-aligned over the labels),
   * where it can neither be clipped nor overlap the labels.
   */
  function valueAxis(name, formatter, vertical) {
    return {
      type: 'value', name: name, nameLocation: vertical ? 'end' : 'middle', nameGap: vertical ? 12 : 26,
      nameTextStyle: vertical ? { color: '#4a5568', fontSize: 12, align: 'left' }
        : { color: '#4a5568', fontSize: 12 },
      axisLabel: { formatter: formatter || short },
      splitLine: { lineStyle: { color: '#edf2f7' } }
    };
  }

  function bar(c) {
    var stacked = c.series.length > 1;
    var format = FORMATS[c.format] || whole;
    var category = {
      type: 'category', data: c.categories,
      axisLabel: c.horizontal ? { width: 170, overflow: 'truncate' } : { interval: 0, hideOverlap: true },
      axisTick: { alignWithLabel: true }
    };
    if (!c.horizontal) {
      category.name = c.categoryAxis;
      category.nameLocation = 'middle';
      category.nameGap = 28;
      category.nameTextStyle = { color: '#4a5568', fontSize: 12 };
    }
    if (c.horizontal) {
      category.inverse = true; // the first category at the top
    }
    var values = valueAxis(c.valueAxis, short, !c.horizontal);
    var o = base();
    o.grid = { left: 16, right: 28, top: c.horizontal ? (stacked ? 36 : 12) : 48, bottom: c.horizontal ? 34 : 38,
      containLabel: true };
    if (stacked) {
      o.legend = c.horizontal ? { top: 0, left: 'center' } : { top: 0, right: 10 };
    }
    o.tooltip.trigger = 'axis';
    o.tooltip.axisPointer = { type: 'shadow' };
    o.tooltip.valueFormatter = format;
    o.xAxis = c.horizontal ? values : category;
    o.yAxis = c.horizontal ? category : values;
    o.series = c.series.map(function (s) {
      return {
        name: s.name, type: 'bar', data: s.data, stack: stacked ? 'total' : undefined,
        itemStyle: { color: s.color }, barMaxWidth: 42,
        emphasis: { focus: 'series' }
      };
    });
    return o;
  }

  function forecast(c) {
    var o = base();
    var band = c.high.map(function (h, i) { return Math.max(0, h - c.low[i]); });
    o.grid = { left: 16, right: 28, top: 56, bottom: 30, containLabel: true };
    o.legend = { top: 0, right: 10 };
    o.tooltip.trigger = 'axis';
    o.tooltip.formatter = function (items) {
      var i = items[0].dataIndex;
      var lines = ['<b>' + c.months[i] + '</b>'];
      c.components.forEach(function (s) { lines.push(s.name + ': ' + whole(s.data[i])); });
      lines.push('<b>forecast: ' + whole(c.total[i]) + '</b>');
      lines.push('80 % interval: ' + whole(c.low[i]) + ' to ' + whole(c.high[i]));
      return lines.join('<br>');
    };
    o.xAxis = { type: 'category', data: c.months, axisTick: { alignWithLabel: true } };
    o.yAxis = valueAxis('revenue per month', short, true);
    o.series = c.components.map(function (s) {
      return { name: s.name, type: 'bar', stack: 'revenue', data: s.data, itemStyle: { color: s.color },
        barMaxWidth: 56, z: 2 };
    });
    // The band: an invisible line at the low end, and the interval's width stacked on it as an area, behind the bars.
    o.series.push({ name: 'interval low', type: 'line', stack: 'band', data: c.low, symbol: 'none', z: 1,
      lineStyle: { opacity: 0 }, silent: true });
    o.series.push({ name: '80 % interval', type: 'line', stack: 'band', data: band, symbol: 'none', z: 1,
      lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(237, 137, 54, 0.25)' },
      itemStyle: { color: 'rgba(237, 137, 54, 0.45)' }, silent: true });
    o.series.push({ name: 'forecast', type: 'line', data: c.total, symbol: 'circle', symbolSize: 7,
      itemStyle: { color: '#c05621' }, lineStyle: { color: '#c05621', width: 2 } });
    o.legend.data = c.components.map(function (s) { return s.name; })
      .concat(['forecast', { name: '80 % interval', icon: 'rect' }]);
    return o;
  }

  function scatter(c) {
    var o = base();
    var hi = c.max > c.min ? c.max : c.min + 1e-9;
    o.grid = { left: 16, right: 110, top: 36, bottom: 36, containLabel: true };
    o.tooltip.trigger = 'item';
    o.tooltip.formatter = function (p) {
      var v = p.value;
      return '<b>#' + v[5] + ' ' + escapeHtml(v[4]) + '</b><br>support ' + v[0].toFixed(4) + ', confidence '
        + v[1].toFixed(3) + '<br>lift ' + v[3].toFixed(2) + ', information gain ' + v[2].toFixed(4) + ' bits';
    };
    o.xAxis = valueAxis('support (share of baskets with both)', function (v) { return v.toFixed(3); }, false);
    o.xAxis.scale = true;
    o.yAxis = valueAxis('confidence', function (v) { return v.toFixed(1); }, true);
    o.yAxis.min = 0;
    o.yAxis.max = 1;
    o.visualMap = {
      type: 'continuous', dimension: 2, min: c.min, max: hi, right: 0, top: 'middle', itemHeight: 180,
      text: [hi.toFixed(3) + ' bits', c.min.toFixed(3)], textGap: 6, calculable: false, precision: 3,
      inRange: { color: ['#cbd5e0', '#f6ad55', '#c53030', '#63171b'] }
    };
    o.series = [{
      type: 'scatter', symbolSize: 9,
      itemStyle: { borderColor: 'rgba(26, 32, 44, 0.35)', borderWidth: 0.5 },
      data: c.points.map(function (p) {
        return [p.support, p.confidence, p.informationGain, p.lift, p.rule, p.rank];
      })
    }];
    return o;
  }

  var KINDS = { bar: bar, forecast: forecast, scatter: scatter };

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch];
    });
  }

  function draw(el) {
    if (el.getAttribute('data-drawn')) {
      return;
    }
    var key = el.getAttribute('data-chart');
    var spec = specs[key];
    if (!spec || !KINDS[spec.kind]) {
      throw new Error('crm-affinity report: no data for chart ' + key);
    }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(KINDS[spec.kind](spec));
    el.setAttribute('data-drawn', 'true');
    drawn.push(chart);
  }

  /** Charts are drawn when they are visible: a chart in a hidden tab has no size to draw in. */
  function drawVisible() {
    var charts = document.querySelectorAll('.chart');
    for (var i = 0; i < charts.length; i++) {
      if (charts[i].offsetParent !== null) {
        draw(charts[i]);
      }
    }
  }

  function tabs() {
    var lists = document.querySelectorAll('[role=tablist]');
    Array.prototype.forEach.call(lists, function (list) {
      var all = list.querySelectorAll('[role=tab]');
      Array.prototype.forEach.call(all, function (tab) {
        tab.addEventListener('click', function () {
          Array.prototype.forEach.call(all, function (t) {
            var on = t === tab;
            t.setAttribute('aria-selected', on ? 'true' : 'false');
            document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
          });
          drawVisible();
        });
      });
    });
  }

  function cellKey(cell, numeric) {
    var v = cell.getAttribute('data-v');
    if (numeric) {
      return parseFloat(v !== null ? v : cell.textContent.replace(/,/g, ''));
    }
    return cell.textContent.trim().toLowerCase();
  }

  function sortable(table) {
    var heads = table.querySelectorAll('thead th');
    Array.prototype.forEach.call(heads, function (th, index) {
      var type = th.getAttribute('data-type');
      if (!type) {
        return;
      }
      th.tabIndex = 0;
      th.setAttribute('aria-sort', 'none');
      th.title = 'Sort by ' + th.textContent.trim();
      function sort() {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) {
          if (h.getAttribute('data-type')) {
            h.setAttribute('aria-sort', 'none');
          }
        });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var numeric = type === 'number';
        var rows = Array.prototype.slice.call(body.rows).map(function (row) {
          return { row: row, key: cellKey(row.cells[index], numeric) };
        });
        rows.sort(function (a, b) {
          var c = numeric ? a.key - b.key : (a.key < b.key ? -1 : (a.key > b.key ? 1 : 0));
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r.row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          sort();
        }
      });
    });
  }

  function filters() {
    var inputs = document.querySelectorAll('input[data-filter]');
    Array.prototype.forEach.call(inputs, function (input) {
      var id = input.getAttribute('data-filter');
      var table = document.getElementById(id);
      var counter = document.querySelector('[data-count="' + id + '"]');
      input.addEventListener('input', function () {
        var q = input.value.trim().toLowerCase();
        var rows = table.tBodies[0].rows;
        var shown = 0;
        Array.prototype.forEach.call(rows, function (r) {
          var hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
          r.hidden = !hit;
          shown += hit ? 1 : 0;
        });
        if (counter) {
          counter.textContent = q ? shown + ' of ' + rows.length + ' rules' : rows.length + ' rules';
        }
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('table[id]'), sortable);
  filters();
  tabs();
  drawVisible();
  window.addEventListener('resize', function () {
    drawn.forEach(function (c) { c.resize(); });
  });
})();
