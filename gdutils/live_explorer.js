/* The live descent explorer of "Gradient Descent from Scratch" (gdutils.live).
 *
 * Plain JavaScript and SVG: no library, no request. Every cell output that
 * shows an explorer carries this file once; it defines window.gdExplorer the
 * first time and mounts each explorer on its own root element, so several
 * explorers on one page share the code and nothing else.
 *
 * The update rules below mirror gdutils line for line, in the same order of
 * float64 operations, so that a run here is bit for bit the run of
 *   gdutils.gradient_descent(obj.grad, start, learning_rate, n_steps, f=obj.f, tol=tol)
 * or, with a momentum, of the same call with gdutils.optimizers.Momentum(learning_rate, momentum).
 * JavaScript numbers are IEEE float64 and, like numpy's elementwise
 * operations, round each + - * / once: the same formula in the same order
 * gives the same bits. Keep it so when editing (no Math.pow, no reordering,
 * no x ** 2).
 */
(function () {
  "use strict";
  var VERSION = 2;  // raise it when the rules below change: a page keeps the first copy it runs
  if (window.gdExplorer && window.gdExplorer.version === VERSION) {
    return;
  }

  /* ------------------------------------------------------------------ objectives
   * gdutils.objectives, written exactly as the Python (a * b * c is (a * b) * c,
   * as in Python). dim 1: x is a number; dim 2: x is [x, y].
   */
  var OBJECTIVES = {
    SQUARE: {
      dim: 1,
      f: function (x) { return x * x; },
      grad: function (x) { return 2 * x; }
    },
    SHIFTED_SQUARE: {
      dim: 1,
      f: function (x) { return x * x - 4 * x + 4; },
      grad: function (x) { return 2 * x - 4; }
    },
    CUBIC: {
      dim: 1,
      f: function (x) { return x * x * x + 2 * (x * x) - 5; },
      grad: function (x) { return 3 * (x * x) + 4 * x; }
    },
    QUARTIC: {
      dim: 1,
      f: function (x) { return (x * x) * (x * x); },
      grad: function (x) { return 4 * (x * x * x); }
    },
    DOUBLE_WELL: {
      dim: 1,
      f: function (x) { return (x * x) * (x * x) - 2 * (x * x); },
      grad: function (x) { return 4 * (x * x * x) - 4 * x; }
    },
    PARABOLOID: {
      dim: 2,
      f: function (p) { return p[0] * p[0] + p[1] * p[1]; },
      grad: function (p) { return [2 * p[0], 2 * p[1]]; }
    },
    ELONGATED_BOWL: {  // bowl(1.0, 10.0): a (x x) + b (y y), gradient (2 a x, 2 b y)
      dim: 2,
      f: function (p) { return 1.0 * (p[0] * p[0]) + 10.0 * (p[1] * p[1]); },
      grad: function (p) { return [2 * 1.0 * p[0], 2 * 10.0 * p[1]]; }
    },
    NARROW_BOWL: {  // bowl(1.0, 100.0)
      dim: 2,
      f: function (p) { return 1.0 * (p[0] * p[0]) + 100.0 * (p[1] * p[1]); },
      grad: function (p) { return [2 * 1.0 * p[0], 2 * 100.0 * p[1]]; }
    },
    TURNED_BOWL: {  // NARROW_BOWL turned by 45 degrees: p^T A p / 2, A = [[101, -99], [-99, 101]]
      dim: 2,
      f: function (p) { return 0.5 * (101 * p[0] * p[0] - 198 * p[0] * p[1] + 101 * p[1] * p[1]); },
      grad: function (p) { return [101 * p[0] - 99 * p[1], 101 * p[1] - 99 * p[0]]; }
    },
    HIMMELBLAU: {
      dim: 2,
      f: function (p) {
        var u = p[0] * p[0] + p[1] - 11;
        var w = p[0] + p[1] * p[1] - 7;
        return u * u + w * w;
      },
      grad: function (p) {
        var u = p[0] * p[0] + p[1] - 11;
        var w = p[0] + p[1] * p[1] - 7;
        return [4 * p[0] * u + 2 * w, 2 * u + 4 * p[1] * w];
      }
    },
    ROSENBROCK: {
      dim: 2,
      f: function (p) {
        var x = p[0], y = p[1];
        return (1 - x) * (1 - x) + 100 * ((y - x * x) * (y - x * x));
      },
      grad: function (p) {
        var x = p[0], y = p[1];
        return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)];
      }
    }
  };

  /* gdutils.descent's constants (PATH_BLOW_UP, GROWTH_STEPS, GROWTH_FACTOR). */
  var PATH_BLOW_UP = 1e15;
  var GROWTH_STEPS = 5;
  var GROWTH_FACTOR = 10.0;

  /* ------------------------------------------------------------ vector helpers
   * A point is a number (dim 1) or an array [x, y] (dim 2).
   */
  function dot(a, dim) {  // np.dot(x, x): x x, or x0 x0 + x1 x1
    return dim === 1 ? a * a : a[0] * a[0] + a[1] * a[1];
  }
  function norm(a, dim) {  // np.linalg.norm: sqrt(x . x) (abs(x) in one dimension)
    return dim === 1 ? Math.abs(a) : Math.sqrt(a[0] * a[0] + a[1] * a[1]);
  }
  function allFinite(a, dim) {
    return dim === 1 ? isFinite(a) : isFinite(a[0]) && isFinite(a[1]);
  }
  function copy(a, dim) {
    return dim === 1 ? a : [a[0], a[1]];
  }
  function minusScaled(x, eta, d, dim) {  // x - eta * d, elementwise
    return dim === 1 ? x - eta * d : [x[0] - eta * d[0], x[1] - eta * d[1]];
  }
  function scaledPlus(beta, buf, g, dim) {  // buf *= beta; buf += g (torch.optim.SGD's buffer)
    return dim === 1 ? beta * buf + g : [beta * buf[0] + g[0], beta * buf[1] + g[1]];
  }

  /* ------------------------------------------------------------------- Adam
   * gdutils.adaptive.Adam (torch.optim.Adam's single-tensor update), one
   * coordinate at a time, every operation in its order:
   *   m = m + (1 - beta1) * (g - m)          (torch's lerp_)
   *   s = beta2 * s + ((1 - beta2) * g) * g
   *   c1 = 1 - beta1 ** t,  c2 = 1 - beta2 ** t
   *   x = x - ((eta / c1) * m) / (sqrt(s) / sqrt(c2) + eps)
   * beta ** t is kept to about 100 bits (double-double products, one factor
   * per step) and rounded once, and sqrt(c2) is Math.sqrt: the same basic
   * operations as gdutils.adaptive.Adam (times_double), so the same bits.
   */
  function twoProduct(a, b) {  // a * b = hi + lo exactly (Dekker and Veltkamp, no fused multiply-add)
    var hi = a * b, split = 134217729;  // 2^27 + 1
    var a1 = a * split, b1 = b * split;
    var ah = a1 - (a1 - a), al = a - ah, bh = b1 - (b1 - b), bl = b - bh;
    return [hi, ((ah * bh - hi) + ah * bl + al * bh) + al * bl];
  }
  function ddTimes(u, b) {  // the double-double u = (hi, lo) times the number b
    var p = twoProduct(u[0], b);
    var lo = p[1] + u[1] * b;
    var hi = p[0] + lo;
    return [hi, lo - (hi - p[0])];
  }
  function adamStart(dim) {
    return {t: 0, m: dim === 1 ? [0] : [0, 0], s: dim === 1 ? [0] : [0, 0], p1: [1, 0], p2: [1, 0]};
  }
  /* One Adam step from x with gradient g: the new point (state updated in place). */
  function adamStep(state, x, g, eta, o, dim) {
    var xs = dim === 1 ? [x] : x, gs = dim === 1 ? [g] : g, out = [];
    state.t = state.t + 1;
    state.p1 = ddTimes(state.p1, o.beta1);
    state.p2 = ddTimes(state.p2, o.beta2);
    var c1 = 1.0 - (state.p1[0] + state.p1[1]);  // 1 - beta1 ** t
    var c2 = 1.0 - (state.p2[0] + state.p2[1]);  // 1 - beta2 ** t
    var rootC2 = Math.sqrt(c2);
    var size = eta / c1;
    for (var i = 0; i < xs.length; i++) {
      state.m[i] = state.m[i] + (gs[i] - state.m[i]) * (1.0 - o.beta1);
      state.s[i] = o.beta2 * state.s[i] + (gs[i] * (1.0 - o.beta2)) * gs[i];
      var denom = Math.sqrt(state.s[i]) / rootC2 + o.eps;
      out.push(xs[i] - (state.m[i] * size) / denom);
    }
    return dim === 1 ? out[0] : out;
  }

  /* Python's format(x, ".3g") and format(x, "g"): the message texts of gdutils. */
  function fmtG(x, precision) {
    if (x === 0) { return (1 / x < 0) ? "-0" : "0"; }
    if (!isFinite(x)) { return isNaN(x) ? "nan" : (x > 0 ? "inf" : "-inf"); }
    var exp = parseInt(x.toExponential(precision - 1).split("e")[1], 10);
    var text;
    if (exp >= -4 && exp < precision) {
      text = x.toFixed(Math.max(precision - 1 - exp, 0));
      if (text.indexOf(".") >= 0) { text = text.replace(/\.?0+$/, ""); }
      return text;
    }
    var parts = x.toExponential(precision - 1).split("e");
    var mantissa = parts[0].indexOf(".") >= 0 ? parts[0].replace(/\.?0+$/, "") : parts[0];
    var e = parseInt(parts[1], 10);
    return mantissa + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
  }

  /* gdutils.descent.growing: f rose at each of the last GROWTH_STEPS steps and
   * ends GROWTH_FACTOR times further above its lowest value than it started. */
  function growing(values) {
    var n = values.length;
    if (n <= GROWTH_STEPS) { return false; }
    for (var i = n - GROWTH_STEPS; i < n; i++) {
      if (!(values[i - 1] < values[i])) { return false; }
    }
    var low = Math.min.apply(null, values);
    return values[n - 1] - low > GROWTH_FACTOR * (values[0] - low);
  }

  /* What the optimizer's blame() says when step k, of size eta, blew up. */
  function blame(eta, settings) {
    var text = "the learning rate " + fmtG(eta, 6) + " is too large";
    if (isAdam(settings)) { return text + " for Adam"; }
    return settings.momentum === null ? text : text + " for momentum " + fmtG(settings.momentum, 6);
  }
  function isAdam(settings) {
    return settings.beta1 !== undefined && settings.beta1 !== null;
  }
  function blameValues(tooLarge, values) {  // gdutils.descent._blame
    var n = values.length, last = values[n - 1];
    if (n > 1 && last < values[0] && last <= Math.min.apply(null, values)) {
      return "f kept falling (to " + fmtG(last, 3) + "): f looks unbounded below";
    }
    return tooLarge;
  }

  /* ----------------------------------------------------------------- one run
   * gdutils.descent.gradient_descent(grad, x0, rate, n_steps, f=f, tol=tol),
   * with rate = learning_rate, Momentum(learning_rate, momentum) when
   * momentum is a number, or Adam(learning_rate, beta1, beta2, eps) when beta1
   * is (eps defaults to Adam's 1e-8). Returns the path, f along it, the status
   * ("converged", "diverged" or "budget") and the message, in gdutils' words.
   */
  function run(obj, settings) {
    var dim = obj.dim, eta = settings.learning_rate, budget = settings.n_steps;
    var tol = settings.tol, beta = settings.momentum;
    var adam = isAdam(settings) ? adamStart(dim) : null;
    var adamOptions = {beta1: settings.beta1, beta2: settings.beta2,
      eps: settings.eps === undefined ? 1e-8 : settings.eps};
    var x = copy(settings.start, dim);
    var values = [obj.f(x)];
    var path = [copy(x, dim)];
    var limit = PATH_BLOW_UP * Math.max(1.0, norm(x, dim));
    var nearLimit = (0.999 * limit) * (0.999 * limit);  // below this |x|^2, x is inside the limit
    var k = 0, stop = null, gNorm = NaN, buf = null, lastEta = eta;
    while (!(k === budget && tol === null)) {
      var g = obj.grad(x);
      if (tol !== null) {  // |g| is needed before the step
        gNorm = norm(g, dim);
        if (!isFinite(gNorm) && !allFinite(g, dim)) {
          stop = {status: "diverged", k: k, detail: "the gradient became non-finite", eta: lastEta};
          break;
        }
        if (gNorm <= tol) {
          stop = {status: "converged", k: k};
          break;
        }
        if (k === budget) { break; }
      }
      var d = g;
      if (beta !== null) {  // Momentum.update: buf = g at the first step, then beta buf + g
        buf = (buf === null) ? copy(g, dim) : scaledPlus(beta, buf, g, dim);
        d = buf;
      }
      var xNew = adam ? adamStep(adam, x, g, eta, adamOptions, dim) : minusScaled(x, eta, d, dim);
      var value = obj.f(xNew);
      if (!(dot(xNew, dim) <= nearLimit) || !isFinite(value)) {  // gdutils.descent._bad_step
        if (!allFinite(g, dim)) {
          stop = {status: "diverged", k: k, detail: "the gradient became non-finite", eta: lastEta};
          break;
        }
        if (!(allFinite(xNew, dim) && isFinite(value))) {
          stop = {status: "diverged", k: k + 1, detail: "x became non-finite", eta: eta};
          break;
        }
        if (norm(xNew, dim) > limit) {
          stop = {status: "diverged", k: k + 1, detail: "|x| passed " + fmtG(limit, 3), eta: eta};
          break;
        }
      }
      x = xNew;
      k = k + 1;
      lastEta = eta;
      path.push(copy(x, dim));
      values.push(value);
    }
    var message;
    if (stop === null && k >= GROWTH_STEPS && growing(values)) {  // gdutils.descent._budget_stop
      stop = {status: "diverged", k: k, growing: true, eta: eta};
    }
    if (stop === null) {
      message = "used the whole step budget of " + budget + " steps";
      message += tol === null ? " (no tolerance was given)"
        : "; gradient norm " + fmtG(gNorm, 3) + " is still above tol " + fmtG(tol, 6);
      stop = {status: "budget", k: k};
    } else if (stop.status === "converged") {
      message = "converged after " + stop.k + " steps: gradient norm " + fmtG(gNorm, 3) +
        " <= tol " + fmtG(tol, 6);
    } else if (stop.growing) {
      message = "diverging: used the whole step budget of " + budget + " steps, but f rose at each " +
        "of the last " + GROWTH_STEPS + " steps, to " + fmtG(values[values.length - 1], 3) +
        " from " + fmtG(values[0], 3) + " at the start; " + blame(stop.eta, settings);
    } else {
      message = "diverged at step " + stop.k + ": " + stop.detail + "; " +
        blameValues(blame(stop.eta, settings), values);
    }
    return {path: path, values: values, status: stop.status, message: message};
  }

  /* ------------------------------------------------------------------ drawing */
  var SVG_NS = "http://www.w3.org/2000/svg";
  var COLORS = {path: "#b3400a", start: "#000000", loss: "#1f5fa8", axis: "#333333", curve: "#555555"};

  function svgEl(name, attrs, parent) {
    var el = document.createElementNS(SVG_NS, name);
    for (var key in attrs) {
      if (Object.prototype.hasOwnProperty.call(attrs, key)) { el.setAttribute(key, attrs[key]); }
    }
    if (parent) { parent.appendChild(el); }
    return el;
  }

  /* A linear map from [lo, hi] to pixels [a, b]. */
  function scale(lo, hi, a, b) {
    return function (v) { return a + (v - lo) / (hi - lo) * (b - a); };
  }

  function pathData(points) {  // SVG "M x y L x y ...", rounded to a tenth of a pixel
    var parts = [];
    for (var i = 0; i < points.length; i++) {
      parts.push((i ? "L" : "M") + points[i][0].toFixed(1) + " " + points[i][1].toFixed(1));
    }
    return parts.join(" ");
  }

  /* Pixels are clamped far outside the box: SVG draws no line to 1e300. */
  function clampPx(v) { return Math.max(-1e4, Math.min(1e4, v)); }

  /* ---------------------------------------------------------------- explorer */
  function mount(root, config) {
    var obj = OBJECTIVES[config.objective];
    var dim = obj.dim, uid = root.id;
    var controls = {};
    var status = root.querySelector(".gd-status");
    var map = root.querySelector("svg.gd-map");
    var loss = root.querySelector("svg.gd-loss");
    var W = config.box[0], H = config.box[1], M = config.margin;
    var sx = scale(config.xlim[0], config.xlim[1], M.left, W - M.right);
    var sy = scale(config.ylim[0], config.ylim[1], H - M.bottom, M.top);
    var pathLayer = map.querySelector(".gd-path-layer");

    /* Each slider: a labelled <input type="range">, its value read out in words. */
    Array.prototype.forEach.call(root.querySelectorAll("input[type=range]"), function (input) {
      controls[input.getAttribute("data-name")] = input;
    });

    function settings() {
      var s = {
        learning_rate: Number(controls.learning_rate.value),
        n_steps: parseInt(controls.n_steps.value, 10),
        start: dim === 1 ? Number(controls.x0.value)
          : [Number(controls.x0.value), Number(controls.y0.value)],
        momentum: controls.momentum ? Number(controls.momentum.value) : null,
        beta1: controls.beta1 ? Number(controls.beta1.value) : null,
        beta2: controls.beta2 ? Number(controls.beta2.value) : null,
        tol: config.tol
      };
      return s;
    }

    function valueText(name, value) {
      var words = {
        learning_rate: "η = " + value,
        momentum: "β = " + value,
        beta1: "β₁ = " + value,
        beta2: "β₂ = " + value,
        n_steps: value + " steps",
        x0: (dim === 1 ? "x₀ = " : "start x₀ = ") + value,
        y0: "start y₀ = " + value
      };
      return words[name];
    }

    function drawMap(result) {
      while (pathLayer.firstChild) { pathLayer.removeChild(pathLayer.firstChild); }
      var pts = result.path.map(function (p) {
        return dim === 1 ? [clampPx(sx(p)), clampPx(sy(obj.f(p)))] : [clampPx(sx(p[0])), clampPx(sy(p[1]))];
      });
      svgEl("path", {d: pathData(pts), fill: "none", stroke: COLORS.path, "stroke-width": 1.5}, pathLayer);
      var shown = pts.length > 400 ? 400 : pts.length;  // dots for the first 400 points
      for (var i = 1; i < shown; i++) {
        svgEl("circle", {cx: pts[i][0].toFixed(1), cy: pts[i][1].toFixed(1), r: 2.2, fill: COLORS.path}, pathLayer);
      }
      svgEl("circle", {cx: pts[0][0].toFixed(1), cy: pts[0][1].toFixed(1), r: 4, fill: COLORS.start,
        stroke: "#ffffff", "stroke-width": 1}, pathLayer);
    }

    /* The loss curve: f(x_k) - f_low on a log axis (f_low, config.f_low, is f's
     * minimum, or for a function unbounded below a value below the picture's). */
    function drawLoss(result, nSteps) {
      while (loss.firstChild) { loss.removeChild(loss.firstChild); }
      var gaps = result.values.map(function (v) { return v - config.f_low; });
      var top = Math.max.apply(null, gaps.filter(isFinite).concat([config.loss_floor * 10]));
      var hiExp = Math.ceil(Math.log10(top) + 0.3);
      // the bottom: the decade of the smallest gap, never below the floor (1e-16)
      var positive = gaps.filter(function (gap) { return gap > config.loss_floor && isFinite(gap); });
      var smallest = positive.length ? Math.min.apply(null, positive) : config.loss_floor;
      var loExp = Math.min(Math.floor(Math.log10(smallest)), hiExp - 3);
      var sk = scale(0, Math.max(nSteps, 1), M.left, W - M.right);
      var sl = scale(loExp, hiExp, H - M.bottom, M.top);
      svgEl("rect", {x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom,
        fill: "none", stroke: COLORS.axis, "stroke-width": 0.8}, loss);
      var every = Math.max(1, Math.ceil((hiExp - loExp) / 6));
      for (var e = loExp; e <= hiExp; e += every) {
        var y = sl(e).toFixed(1);
        svgEl("line", {x1: M.left - 4, x2: M.left, y1: y, y2: y, stroke: COLORS.axis}, loss);
        svgEl("text", {x: M.left - 6, y: Number(y) + 4, "text-anchor": "end", "font-size": 11,
          fill: COLORS.axis}, loss).textContent = "1e" + e;
      }
      var ticks = nSteps >= 2 ? [0, Math.round(nSteps / 2), nSteps] : (nSteps === 1 ? [0, 1] : [0]);
      ticks.forEach(function (t) {
        var x = sk(t).toFixed(1);
        svgEl("line", {x1: x, x2: x, y1: H - M.bottom, y2: H - M.bottom + 4, stroke: COLORS.axis}, loss);
        svgEl("text", {x: x, y: H - M.bottom + 16, "text-anchor": "middle", "font-size": 11,
          fill: COLORS.axis}, loss).textContent = String(t);
      });
      svgEl("text", {x: (M.left + W - M.right) / 2, y: H - 4, "text-anchor": "middle", "font-size": 12,
        fill: COLORS.axis}, loss).textContent = "step k";
      svgEl("text", {x: 12, y: (M.top + H - M.bottom) / 2, "text-anchor": "middle", "font-size": 12,
        fill: COLORS.axis, transform: "rotate(-90 12 " + (M.top + H - M.bottom) / 2 + ")"}, loss)
        .textContent = config.loss_label;
      var pts = gaps.map(function (gap, k) {
        var l = gap > config.loss_floor ? Math.log10(gap) : loExp;  // below the floor: on the bottom edge
        return [sk(k), Math.max(M.top, sl(l))];
      });
      svgEl("path", {d: pathData(pts), fill: "none", stroke: COLORS.loss, "stroke-width": 1.6}, loss);
      var end = pts[pts.length - 1];  // the last value, as a dot: visible even for a run of 0 steps
      svgEl("circle", {cx: end[0].toFixed(1), cy: end[1].toFixed(1), r: 2.5, fill: COLORS.loss}, loss);
    }

    var lastResult = null;
    function redraw() {
      var s = settings();
      for (var name in controls) {
        if (Object.prototype.hasOwnProperty.call(controls, name)) {
          var text = valueText(name, controls[name].value);
          controls[name].setAttribute("aria-valuetext", text);
          root.querySelector("#" + uid + "-" + name + "-out").textContent = text;
        }
      }
      var result = run(obj, s);
      lastResult = result;
      drawMap(result);
      drawLoss(result, s.n_steps);
      var last = result.values[result.values.length - 1];
      var stoppedEarly = result.path.length - 1 < s.n_steps;  // blown up before the budget
      var words = {converged: "Converged", diverged: stoppedEarly ? "Diverged" : "Diverging",
        budget: "Step budget used"};
      status.setAttribute("data-status", result.status);
      status.textContent = words[result.status] + ": " + (result.path.length - 1) + " steps, f = " +
        fmtG(last, 3) + ". gdutils reports: " + result.message;
    }

    Object.keys(controls).forEach(function (name) {
      controls[name].addEventListener("input", redraw);
    });

    /* A click on the map sets the start (the nearest slider positions). */
    map.addEventListener("click", function (event) {
      var box = map.getBoundingClientRect();
      var px = (event.clientX - box.left) / box.width * W;
      var py = (event.clientY - box.top) / box.height * H;
      var x = config.xlim[0] + (px - M.left) / (W - M.left - M.right) * (config.xlim[1] - config.xlim[0]);
      controls.x0.value = String(x);
      if (dim === 2) {
        var y = config.ylim[0] + (H - M.bottom - py) / (H - M.top - M.bottom) * (config.ylim[1] - config.ylim[0]);
        controls.y0.value = String(y);
      }
      redraw();
    });

    /* For tests and curious readers: a run with these settings, the rest as the sliders are. */
    root.gdRun = function (params) {
      var s = settings();
      params = params || {};
      ["learning_rate", "n_steps", "start", "momentum", "beta1", "beta2", "tol"].forEach(function (key) {
        if (params[key] !== undefined) { s[key] = params[key]; }
      });
      var result = run(obj, s);
      var out = {learning_rate: s.learning_rate, start: s.start, n_steps: s.n_steps, path: result.path,
        values: result.values, status: result.status, message: result.message, tol: s.tol};
      if (s.momentum !== null) { out.momentum = s.momentum; }
      if (isAdam(s)) { out.beta1 = s.beta1; out.beta2 = s.beta2; }
      return out;
    };
    root.gdLastRun = function () { return lastResult; };
    redraw();
  }

  window.gdExplorer = {version: VERSION, mount: mount, run: run, objectives: OBJECTIVES, format: fmtG};
})();
