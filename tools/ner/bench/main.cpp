// bench-ner: tools/ner/ner_cli.hpp's bench_program, run by cli::run_main (exit
// codes 0 done, 1 failed, 2 bad usage).
#include "tools/ner/ner_cli.hpp"

int main(int argc, char** argv) {
  return dateline::cli::run_main(dateline::ner::bench_program(), argc, argv);
}
