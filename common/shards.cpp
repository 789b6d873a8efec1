#include "common/shards.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>

#include "common/error.hpp"

namespace dateline::shards {
namespace {

namespace fs = std::filesystem;

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// Splits off the first blank-separated word of `line`.
std::string_view take_word(std::string_view& line) {
  line = trim(line);
  const std::size_t end = line.find_first_of(" \t");
  const std::string_view word = line.substr(0, end);
  line = end == std::string_view::npos ? std::string_view() : trim(line.substr(end));
  return word;
}

}  // namespace

std::string ShardLocation::name() const {
  if (kind == Kind::local) return path;
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

ShardLocation parse_remote(std::string_view host_port) {
  const std::string text(host_port);
  const std::size_t colon = host_port.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    throw Error("'" + text + "' is not HOST:PORT");
  }
  std::string_view host = host_port.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string_view port_text = host_port.substr(colon + 1);
  unsigned long port = 0;
  bool digits = !port_text.empty() && port_text.size() <= 5;
  for (char c : port_text) {
    if (c < '0' || c > '9') digits = false;
  }
  if (digits) port = std::stoul(std::string(port_text));
  if (!digits || port == 0 || port > 65535 || host.empty()) {
    throw Error("'" + text + "' is not HOST:PORT with a port from 1 to 65535");
  }
  ShardLocation location;
  location.kind = ShardLocation::Kind::remote;
  location.host = std::string(host);
  location.port = static_cast<unsigned>(port);
  return location;
}

std::vector<ShardLocation> parse_stub(std::string_view text, const fs::path& base_dir,
                                      const std::string& stub_name) {
  std::vector<ShardLocation> shards;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = stub_name + ":" + std::to_string(line_number) + ": ";
    const std::string_view keyword = take_word(line);
    if (keyword == "auto" || keyword == "glass" || keyword == "chert") {
      if (line.empty()) throw Error(where + "'" + std::string(keyword) + "' names no database");
      fs::path path(line);
      if (path.is_relative()) path = base_dir / path;
      ShardLocation location;
      location.path = fs::absolute(path).lexically_normal().string();
      shards.push_back(std::move(location));
    } else if (keyword == "remote") {
      std::string_view address = take_word(line);
      if (address == ":prog") {
        throw Error(where + "remote :prog shards are not supported; serve the shard with " +
                    "xapian-tcpsrv and list it as 'remote :tcp HOST:PORT'");
      }
      if (address == ":tcp") address = take_word(line);
      if (address.empty() || !line.empty()) {
        throw Error(where + "expected 'remote :tcp HOST:PORT'");
      }
      try {
        shards.push_back(parse_remote(address));
      } catch (const Error& e) {
        throw Error(where + e.what());
      }
    } else {
      throw Error(where + "expected 'auto PATH', 'glass PATH' or 'remote :tcp HOST:PORT', not '" +
                  std::string(keyword) + "'");
    }
  }
  if (shards.empty()) throw Error(stub_name + ": the stub file lists no database");
  return shards;
}

std::vector<ShardLocation> read_stub(const fs::path& stub) {
  std::ifstream in(stub, std::ios::binary);
  if (!in) throw Error("cannot read stub file '" + stub.string() + "'");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.find('\0') != std::string::npos) {
    throw Error("'" + stub.string() + "' is neither an index directory nor a stub file");
  }
  return parse_stub(text, fs::absolute(stub).parent_path(), stub.string());
}

std::size_t shard_for(std::string_view article_id, std::size_t shard_count) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : article_id) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return static_cast<std::size_t>(hash % shard_count);
}

fs::path shard_path(const fs::path& stub, std::size_t index) {
  fs::path base = fs::absolute(stub).lexically_normal();
  return base.parent_path() / (base.filename().string() + ".shards") /
         ("shard-" + std::to_string(index));
}

fs::path spelling_path(const fs::path& stub) {
  return shard_path(stub, 0).parent_path() / "spelling";
}

void write_local_stub(const fs::path& stub, std::size_t count) {
  const fs::path absolute = fs::absolute(stub).lexically_normal();
  std::ostringstream text;
  text << "# dateline sharded index: " << count << " shards (Xapian stub file)\n";
  text << "auto " << spelling_path(absolute).lexically_relative(absolute.parent_path()).string()
       << '\n';
  for (std::size_t i = 0; i < count; ++i) {
    text << "auto " << shard_path(absolute, i).lexically_relative(absolute.parent_path()).string()
         << '\n';
  }
  const fs::path temporary = absolute.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text.str();
    out.flush();
    if (!out) throw Error("cannot write stub file '" + temporary.string() + "'");
  }
  std::error_code ec;
  fs::rename(temporary, absolute, ec);
  if (ec) throw Error("cannot write stub file '" + absolute.string() + "': " + ec.message());
}

}  // namespace dateline::shards
