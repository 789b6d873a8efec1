// The command line of dateline-index, parsed into IndexParams. Kept in the
// library so that tests can parse argument lists without a process.
#pragma once

#include <string>
#include <vector>

#include "common/cli.hpp"
#include "indexer/indexer.hpp"

namespace dateline {

enum class SummaryFormat { text, json };

struct IndexCommandLine {
  cli::GeneralFlags general;
  IndexParams params;
  SummaryFormat summary = SummaryFormat::text;
};

// Throws boost::program_options::error for unknown options or bad values,
// and for a missing --db or input when neither --help nor --version is set.
IndexCommandLine parse_index_command_line(const std::vector<std::string>& args);

std::string index_usage();

}  // namespace dateline
