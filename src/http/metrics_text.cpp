#include "http/metrics_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace gatepass::http {

namespace {
using app::metrics::Family;
using app::metrics::Sample;
using app::metrics::Type;

// Label values: backslash, double quote and line feed are escaped; everything else is as is.
void append_label_value(std::string& out, std::string_view v) {
  for (const char ch : v) {
    if (ch == '\\') out += "\\\\";
    else if (ch == '"') out += "\\\"";
    else if (ch == '\n') out += "\\n";
    else out += ch;
  }
}

// HELP text: backslash and line feed are escaped.
std::string help_text(std::string_view v) {
  std::string out;
  for (const char ch : v) {
    if (ch == '\\') out += "\\\\";
    else if (ch == '\n') out += "\\n";
    else out += ch;
  }
  return out;
}

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

// {a="x",b="y"} plus an optional extra label (le), or nothing when there are no labels.
void append_labels(std::string& out, const std::vector<std::string>& names, const std::vector<std::string>& values,
                   std::string_view extra_name = {}, std::string_view extra_value = {}) {
  if (names.empty() && extra_name.empty()) return;
  out += '{';
  bool first = true;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
    if (!first) out += ',';
    first = false;
    out += names[i];
    out += "=\"";
    append_label_value(out, values[i]);
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!first) out += ',';
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
}

const char* type_name(Type t) {
  switch (t) {
    case Type::counter: return "counter";
    case Type::gauge: return "gauge";
    case Type::histogram: return "histogram";
  }
  return "untyped";
}
}  // namespace

std::string render_metrics(const std::vector<Family>& families) {
  std::string out;
  out.reserve(16 * 1024);
  for (const auto& f : families) {
    out += "# HELP " + f.name + " " + help_text(f.help) + "\n";
    out += "# TYPE " + f.name + " " + type_name(f.type) + "\n";
    for (const auto& s : f.samples) {
      if (f.type != Type::histogram) {
        out += f.name;
        append_labels(out, f.label_names, s.labels);
        out += ' ' + number(s.value) + '\n';
        continue;
      }
      // Buckets are cumulative in the format: each counts every observation <= its bound.
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < s.buckets.size(); ++i) {
        cumulative += s.buckets[i];
        out += f.name + "_bucket";
        append_labels(out, f.label_names, s.labels, "le", i < s.bounds.size() ? number(s.bounds[i]) : "+Inf");
        out += ' ' + std::to_string(cumulative) + '\n';
      }
      out += f.name + "_sum";
      append_labels(out, f.label_names, s.labels);
      out += ' ' + number(s.sum) + '\n';
      // The count is the +Inf bucket (read once above), so the two always agree in one scrape.
      out += f.name + "_count";
      append_labels(out, f.label_names, s.labels);
      out += ' ' + std::to_string(cumulative) + '\n';
    }
  }
  return out;
}

}  // namespace gatepass::http
