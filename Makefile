# The two commands of the README, plus the pieces they are made of.
.PHONY: demo test web bench

demo:            ## build the widget and serve the demo on http://127.0.0.1
	./scripts/demo.sh

test:            ## install what is missing and run every test
	./scripts/test.sh

web:             ## build pkg/ and copy it into www/pkg/
	./scripts/build-web.sh

bench:           ## measure size, start-up, latency and marking against MiniSearch, Lunr, FlexSearch; writes docs/benchmarks.md
	./scripts/bench.sh
