#pragma once
// The Prometheus text exposition format (version 0.0.4) of a scrape (app/ops/metrics.hpp).
#include <string>
#include <vector>

#include "app/ops/metrics.hpp"

namespace gatepass::http {

inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

std::string render_metrics(const std::vector<app::metrics::Family>& families);

}  // namespace gatepass::http
