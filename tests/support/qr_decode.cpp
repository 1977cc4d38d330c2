#include "support/qr_decode.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <png.h>

#include <cstring>
#include <vector>

namespace gatepass::testing {

namespace {
// The image as 8-bit grey pixels, or empty if it is not a PNG.
struct Grey {
  std::vector<std::uint8_t> pixels;
  int width = 0, height = 0;
};
Grey read_grey(const std::string& png_bytes) {
  Grey out;
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, png_bytes.data(), png_bytes.size())) return out;
  image.format = PNG_FORMAT_GRAY;
  out.pixels.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr)) return {};
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  return out;
}
}  // namespace

std::vector<std::string> decode_all_qr_png(const std::string& png_bytes) {
  const auto grey = read_grey(png_bytes);
  std::vector<std::string> out;
  if (grey.pixels.empty()) return out;
  ZXing::ImageView view(grey.pixels.data(), grey.width, grey.height, ZXing::ImageFormat::Lum);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  for (const auto& r : ZXing::ReadBarcodes(view, hints))
    if (r.isValid()) out.push_back(r.text());
  return out;
}

std::optional<std::string> decode_qr_png(const std::string& png_bytes) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, png_bytes.data(), png_bytes.size())) return std::nullopt;
  image.format = PNG_FORMAT_GRAY;
  std::vector<std::uint8_t> pixels(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) return std::nullopt;
  ZXing::ImageView view(pixels.data(), static_cast<int>(image.width), static_cast<int>(image.height),
                        ZXing::ImageFormat::Lum);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  const auto result = ZXing::ReadBarcode(view, hints);
  if (!result.isValid()) return std::nullopt;
  return result.text();
}

}  // namespace gatepass::testing
