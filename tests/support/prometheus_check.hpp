#pragma once
// A strict reader of the Prometheus text exposition format (0.0.4), for tests where `promtool`
// is not installed: every line must be a HELP, a TYPE or a sample of the family just declared;
// names and labels well formed; no series twice; histograms cumulative, ending in +Inf, with
// _count equal to the +Inf bucket and a _sum. Returns the problems (empty: valid) and the values.
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace gatepass::testing {

struct PromText {
  std::vector<std::string> problems;
  // "name{a=\"x\",b=\"y\"}" with labels sorted by name -> value
  std::map<std::string, double> values;
  std::map<std::string, std::string> types;  // family -> type

  static std::string key(const std::string& name, const std::map<std::string, std::string>& labels) {
    std::string k = name + "{";
    bool first = true;
    for (const auto& [n, v] : labels) {
      if (!first) k += ",";
      first = false;
      k += n + "=\"" + v + "\"";
    }
    return k + "}";
  }
  std::optional<double> value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const {
    auto it = values.find(key(name, labels));
    return it == values.end() ? std::nullopt : std::optional(it->second);
  }
  // Sum over every series of `name` whose labels include `match`.
  double sum(const std::string& name, const std::map<std::string, std::string>& match = {}) const {
    double total = 0;
    for (const auto& [k, v] : values) {
      if (!k.starts_with(name + "{")) continue;
      bool all = true;
      for (const auto& [n, val] : match) all = all && k.find(n + "=\"" + val + "\"") != std::string::npos;
      if (all) total += v;
    }
    return total;
  }
  std::size_t series(const std::string& name) const {
    std::size_t n = 0;
    for (const auto& [k, _] : values) n += k.starts_with(name + "{");
    return n;
  }
};

inline std::optional<double> parse_prom_number(const std::string& s) {
  if (s == "+Inf" || s == "Inf") return INFINITY;
  if (s == "-Inf") return -INFINITY;
  if (s == "NaN") return NAN;
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

inline PromText check_prometheus_text(const std::string& text) {
  PromText out;
  auto problem = [&](std::size_t line_no, const std::string& what, const std::string& line) {
    out.problems.push_back("line " + std::to_string(line_no) + ": " + what + ": " + line.substr(0, 200));
  };
  static const std::regex metric_name("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static const std::regex label_name("[a-zA-Z_][a-zA-Z0-9_]*");
  std::set<std::string> helped, typed, closed_families;
  std::string current;  // family whose samples may follow
  // Histogram bookkeeping: family + labels without le -> (le, count) in order, sum, count seen
  struct Hist {
    std::vector<std::pair<double, double>> buckets;
    std::optional<double> sum, count;
    std::size_t line = 0;
  };
  std::map<std::string, Hist> hists;
  if (!text.empty() && text.back() != '\n') out.problems.push_back("the text does not end with a line feed");
  std::istringstream in(text);
  std::string line;
  std::size_t no = 0;
  while (std::getline(in, line)) {
    ++no;
    if (line.empty()) {
      problem(no, "empty line", line);
      continue;
    }
    if (line[0] == '#') {
      std::istringstream words(line);
      std::string hash, kind, name;
      words >> hash >> kind >> name;
      if (hash != "#" || (kind != "HELP" && kind != "TYPE")) continue;  // a plain comment
      if (!std::regex_match(name, metric_name)) problem(no, "bad metric name", line);
      if (name != current) {
        if (!current.empty()) closed_families.insert(current);
        if (closed_families.contains(name)) problem(no, "family declared again after other families", line);
        current = name;
      }
      if (kind == "HELP") {
        if (!helped.insert(name).second) problem(no, "second HELP", line);
      } else {
        std::string type;
        words >> type;
        if (type != "counter" && type != "gauge" && type != "histogram" && type != "summary" && type != "untyped")
          problem(no, "unknown TYPE", line);
        if (!typed.insert(name).second) problem(no, "second TYPE", line);
        out.types[name] = type;
        if (type == "counter" && !name.ends_with("_total")) problem(no, "a counter's name should end in _total", line);
      }
      continue;
    }
    // name{labels} value
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    const std::string name = line.substr(0, i);
    if (!std::regex_match(name, metric_name)) {
      problem(no, "bad metric name", line);
      continue;
    }
    std::map<std::string, std::string> labels;
    bool ok = true;
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (ok && i < line.size() && line[i] != '}') {
        std::size_t eq = line.find('=', i);
        if (eq == std::string::npos) { ok = false; break; }
        const std::string ln = line.substr(i, eq - i);
        if (!std::regex_match(ln, label_name) || ln.starts_with("__")) ok = false;
        i = eq + 1;
        if (i >= line.size() || line[i] != '"') { ok = false; break; }
        ++i;
        std::string v;
        for (; i < line.size() && line[i] != '"'; ++i) {
          if (line[i] == '\\') {
            if (i + 1 >= line.size()) { ok = false; break; }
            const char e = line[++i];
            if (e == '\\') v += '\\';
            else if (e == '"') v += '"';
            else if (e == 'n') v += '\n';
            else ok = false;
          } else {
            v += line[i];
          }
        }
        if (i >= line.size()) { ok = false; break; }
        ++i;  // closing quote
        if (!labels.emplace(ln, v).second) ok = false;  // a label twice
        if (i < line.size() && line[i] == ',') ++i;
        else if (i < line.size() && line[i] != '}') ok = false;
      }
      if (i >= line.size() || line[i] != '}') ok = false;
      ++i;
    }
    if (!ok || i >= line.size() || line[i] != ' ') {
      problem(no, "malformed labels", line);
      continue;
    }
    const auto number = parse_prom_number(line.substr(i + 1));
    if (!number) {
      problem(no, "bad value (or a timestamp, which we never send)", line);
      continue;
    }
    // Which family this sample belongs to.
    std::string family = name, suffix;
    const auto type = out.types.contains(current) ? out.types[current] : "";
    if (type == "histogram") {
      for (const char* s : {"_bucket", "_sum", "_count"})
        if (name == current + s) family = current, suffix = s;
    }
    if (family != current || type.empty()) {
      problem(no, "sample outside its family's block or without a TYPE", line);
      continue;
    }
    const auto k = PromText::key(name, labels);
    if (!out.values.emplace(k, *number).second) problem(no, "the same series twice", line);
    if (type == "counter" && *number < 0) problem(no, "negative counter", line);
    if (type == "histogram") {
      if (suffix.empty()) {
        problem(no, "a histogram sample must be _bucket, _sum or _count", line);
        continue;
      }
      auto rest = labels;
      std::optional<double> le;
      if (suffix == "_bucket") {
        if (!rest.contains("le")) {
          problem(no, "a bucket without le", line);
          continue;
        }
        le = parse_prom_number(rest["le"]);
        if (!le) problem(no, "bad le", line);
        rest.erase("le");
      }
      auto& h = hists[PromText::key(family, rest)];
      h.line = no;
      if (suffix == "_bucket" && le) h.buckets.emplace_back(*le, *number);
      if (suffix == "_sum") h.sum = *number;
      if (suffix == "_count") h.count = *number;
    }
  }
  for (const auto& [k, h] : hists) {
    const std::string where = "histogram " + k;
    if (h.buckets.empty() || !std::isinf(h.buckets.back().first)) out.problems.push_back(where + ": no +Inf bucket last");
    for (std::size_t j = 1; j < h.buckets.size(); ++j) {
      if (!(h.buckets[j].first > h.buckets[j - 1].first)) out.problems.push_back(where + ": le not increasing");
      if (h.buckets[j].second < h.buckets[j - 1].second) out.problems.push_back(where + ": buckets not cumulative");
    }
    if (!h.sum) out.problems.push_back(where + ": no _sum");
    if (!h.count) out.problems.push_back(where + ": no _count");
    else if (!h.buckets.empty() && *h.count != h.buckets.back().second)
      out.problems.push_back(where + ": _count differs from the +Inf bucket");
  }
  return out;
}

}  // namespace gatepass::testing
