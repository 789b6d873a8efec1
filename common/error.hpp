// Error: the one exception type dateline's library code throws for fatal
// problems (an index that cannot be opened, a bad option value, an index of
// another schema). Per-article problems are never thrown: readers return them
// as ReadProblem values so one bad file cannot stop a run.
//
// what() is one line for the user, naming what went wrong and where (the
// file, line, option or query position); each main prints it as it is and
// maps the error to an exit code. Xapian's own errors (Xapian::Error, which
// is no std::exception) are caught apart.
#pragma once

#include <stdexcept>

namespace dateline {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace dateline
