// The main() that turns a fuzz target into an ordinary test program (the
// fuzz-replay tests; tests/fuzz/CMakeLists.txt): every input it is given
// goes once through the target's LLVMFuzzerTestOneInput, as libFuzzer
// would run it, without libFuzzer, so any compiler builds it.
//
//   fuzz_replay_NAME PATH...   each PATH a file or a directory, whose
//                              regular files are run in name order
//
// Exits 0 after printing how many inputs ran; 1 when a path cannot be
// read, when there is no input at all (an empty seed directory must not
// pass as a clean run), or when the target returns anything but 0. A
// broken contract in the target aborts, and so does an exception escaping
// it, as under libFuzzer. Each input's name is printed before it runs, so
// a crash names the input that caused it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

// The inputs `path` names: itself, or a directory's regular files sorted
// by name. Throws std::filesystem::filesystem_error when it cannot be read.
std::vector<fs::path> inputs_at(const fs::path& path) {
  if (!fs::is_directory(path)) {
    if (!fs::is_regular_file(path)) {
      throw fs::filesystem_error("not a file or directory", path,
                                 std::make_error_code(std::errc::no_such_file_or_directory));
    }
    return {path};
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(path)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw fs::filesystem_error("cannot open", path, std::make_error_code(std::errc::io_error));
  }
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw fs::filesystem_error("cannot read", path, std::make_error_code(std::errc::io_error));
  }
  return bytes;
}

// Runs one input; false when the target returned something other than 0.
bool run_input(const fs::path& path, const std::string& bytes) {
  std::cout << "fuzz-replay: " << path.string() << " (" << bytes.size() << " bytes)" << std::endl;
  // A heap block of exactly the input's size (non-null even when empty),
  // as libFuzzer gives, so that AddressSanitizer catches a read past the
  // end rather than letting it land in a string's spare capacity.
  const auto data = std::make_unique<std::uint8_t[]>(bytes.size());
  std::copy(bytes.begin(), bytes.end(), data.get());
  const int status = LLVMFuzzerTestOneInput(data.get(), bytes.size());
  if (status == 0) return true;
  std::cerr << "fuzz-replay: " << path.string() << ": the target returned " << status << "\n";
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " PATH...  (seed files or directories)\n";
    return 1;
  }
  std::vector<fs::path> inputs;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::vector<fs::path> found = inputs_at(argv[i]);
      inputs.insert(inputs.end(), found.begin(), found.end());
    }
  } catch (const fs::filesystem_error& error) {
    std::cerr << "fuzz-replay: " << error.what() << "\n";
    return 1;
  }
  if (inputs.empty()) {
    std::cerr << "fuzz-replay: no inputs to run\n";
    return 1;
  }
  std::size_t failed = 0;
  for (const fs::path& input : inputs) {
    std::string bytes;
    try {
      bytes = read_bytes(input);
    } catch (const fs::filesystem_error& error) {
      std::cerr << "fuzz-replay: " << error.what() << "\n";
      ++failed;
      continue;
    }
    if (!run_input(input, bytes)) ++failed;
  }
  std::cout << "fuzz-replay: ran " << inputs.size() << " inputs, " << failed << " failed"
            << std::endl;
  return failed == 0 ? 0 : 1;
}
