#pragma once
#include <optional>
#include <string>

namespace gatepass::testing {
// Decodes the QR code in a PNG image (ZXing), as a phone camera would. nullopt if none found.
std::optional<std::string> decode_qr_png(const std::string& png_bytes);
}  // namespace gatepass::testing
