#include "common/ner/model_file.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>

#include "common/error.hpp"
#include "common/ner/binary_io.hpp"
#include "common/ner/features.hpp"

namespace dateline::ner {

StageWeights::StageWeights(std::vector<std::uint64_t> keys, std::vector<float> weights,
                           Transitions transitions, std::vector<float> stacking)
    : m_transitions(transitions), m_stacking(std::move(stacking)) {
  // Sorted by key, so the file is the same whatever order training used.
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  m_keys.reserve(keys.size());
  m_weights.reserve(weights.size());
  for (std::size_t i : order) {
    m_keys.push_back(keys[i]);
    m_weights.insert(m_weights.end(),
                     weights.begin() + static_cast<std::ptrdiff_t>(i * k_num_labels),
                     weights.begin() + static_cast<std::ptrdiff_t>((i + 1) * k_num_labels));
  }
  m_index.reserve(m_keys.size());
  for (std::size_t i = 0; i < m_keys.size(); ++i) {
    m_index.insert(m_keys[i], static_cast<std::uint32_t>(i));
  }
}

std::string serialize_model(const ModelParameters& model) {
  BinaryWriter out;
  out.put_raw(k_model_magic);
  out.put(k_model_version);
  out.put(static_cast<std::uint32_t>(k_num_labels));
  out.put(static_cast<std::uint32_t>(k_window));
  out.put(model.groups);
  out.put_string(model.description);
  model.lexicon.write(out);
  model.gazetteer.write(out);
  out.put(static_cast<std::uint32_t>(model.stages.size()));
  for (const StageWeights& stage : model.stages) {
    for (float v : stage.transitions().start) out.put(v);
    for (float v : stage.transitions().score) out.put(v);
    out.put(static_cast<std::uint32_t>(stage.stacking().size()));
    for (float v : stage.stacking()) out.put(v);
    float largest = 0;
    for (float w : stage.weights()) largest = std::max(largest, std::fabs(w));
    const float scale = largest > 0 ? largest / 32767.0f : 1.0f;
    out.put(scale);
    out.put(static_cast<std::uint64_t>(stage.size()));
    for (std::uint64_t key : stage.keys()) out.put(key);
    for (float w : stage.weights()) {
      const long q = std::lround(w / scale);
      out.put(static_cast<std::int16_t>(std::clamp(q, -32767L, 32767L)));
    }
  }
  out.put(hash_bytes(out.bytes()));
  return std::move(out.bytes());
}

ModelParameters deserialize_model(std::string_view bytes, const std::string& what) {
  if (bytes.size() < k_model_magic.size() + 8 ||
      bytes.substr(0, k_model_magic.size()) != k_model_magic) {
    throw Error(what + ": not a dateline entity-tagger model (bad magic)");
  }
  BinaryReader in(bytes, what);
  in.get_raw(k_model_magic.size());
  const auto version = in.get<std::uint32_t>();
  if (version != k_model_version) {
    throw Error(what + ": model version " + std::to_string(version) + ", this dateline reads " +
                std::to_string(k_model_version));
  }
  {
    BinaryReader tail(bytes.substr(bytes.size() - 8), what);
    if (tail.get<std::uint64_t>() != hash_bytes(bytes.substr(0, bytes.size() - 8))) {
      throw Error(what + ": model file is corrupt (checksum mismatch)");
    }
  }
  if (in.get<std::uint32_t>() != static_cast<std::uint32_t>(k_num_labels) ||
      in.get<std::uint32_t>() != static_cast<std::uint32_t>(k_window)) {
    in.fail("label set or window differs from this dateline's");
  }
  ModelParameters model;
  model.groups = in.get<std::uint32_t>();
  model.description = in.get_string();
  model.lexicon = Lexicon::read(in);
  model.gazetteer = Gazetteer::read(in);
  const auto stage_count = in.get<std::uint32_t>();
  if (stage_count < 1 || stage_count > 2) in.fail("bad stage count");
  for (std::uint32_t s = 0; s < stage_count; ++s) {
    Transitions transitions;
    for (float& v : transitions.start) v = in.get<float>();
    for (float& v : transitions.score) v = in.get<float>();
    const auto stacking_size = in.get<std::uint32_t>();
    if (stacking_size != (s == 0 ? 0u : static_cast<std::uint32_t>(k_num_labels * k_num_labels))) {
      in.fail("bad stacking matrix");
    }
    std::vector<float> stacking(stacking_size);
    for (float& v : stacking) v = in.get<float>();
    const auto scale = in.get<float>();
    const std::size_t count = in.get_count(8 + 2 * k_num_labels);
    std::vector<std::uint64_t> keys(count);
    for (std::uint64_t& key : keys) key = in.get<std::uint64_t>();
    for (std::size_t i = 1; i < count; ++i) {
      if (keys[i] <= keys[i - 1]) in.fail("feature keys out of order");
    }
    std::vector<float> weights(count * k_num_labels);
    for (float& w : weights) w = static_cast<float>(in.get<std::int16_t>()) * scale;
    model.stages.emplace_back(std::move(keys), std::move(weights), transitions,
                              std::move(stacking));
  }
  if (in.remaining() != 8) in.fail("trailing data after the last stage");
  return model;
}

void write_model_file(const ModelParameters& model, const std::filesystem::path& path) {
  const std::string bytes = serialize_model(model);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw Error(path.string() + ": cannot write the model");
}

ModelParameters read_model_file(const std::filesystem::path& path) {
  // Read whole into a string of its size: through a stringstream the
  // bytes were copied twice, into buffers grown by doubling.
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) throw Error(path.string() + ": cannot open the entity-tagger model");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) {
    throw Error(path.string() + ": cannot read the entity-tagger model");
  }
  return deserialize_model(bytes, path.string());
}

}  // namespace dateline::ner
