module github.com/faultline/faultline/deploy/tools/dashboard-check

go 1.26

require github.com/grafana/grafana-foundation-sdk/go v0.0.18
