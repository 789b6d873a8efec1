#!/bin/sh
# CTest wrapper for ner-eval on CoNLL-2003's development set: skipped (exit
# 125) when the data is not on this machine, as it is not part of dateline.
# Usage: run_ner_eval.sh NER_EVAL MODEL DATA MIN_F1
if [ ! -f "$3" ]; then
  echo "skipped: $3 not found"
  exit 125
fi
exec "$1" --min-f1 "$4" "$2" "$3"
