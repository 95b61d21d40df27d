// Command dashboard-check checks Grafana dashboard JSON files against the Grafana
// Foundation SDK's dashboard schema (v1 "classic" dashboards, as Grafana provisions them).
//
//	dashboard-check dashboards/*.json
//
// For each file it registers the SDK's default plugins (panel options and field configs of
// the core panels, queries of the core datasources), decodes the file with
// dashboard.Dashboard.UnmarshalJSONStrict (unknown fields and wrong types are errors, down
// through panels, their options and the queries of known datasources) and runs Validate().
// It prints one "file: problem" line per problem and exits 1 when there is any, else prints
// "ok N dashboards".
//
// Queries of datasources the SDK has no schema for (grafana-clickhouse-datasource among
// them) are not a problem: the SDK's strict decoder keeps such a target as a
// variants.UnknownDataquery (a plain map) instead of failing, so the dashboard and its
// panels stay strictly checked while only those targets are decoded leniently.
//
// The SDK picks a target's query type from the target's own datasource, or from the panel's
// datasource only when that was decoded before the targets, which it is not (the generated
// decoder reads "targets" first). A target that leaves its datasource to the panel's, as
// Grafana allows, would then be an UnknownDataquery and escape the strict check: such
// targets are given their panel's datasource reference before decoding.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/grafana/grafana-foundation-sdk/go/cog/plugins"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

func main() {
	files := os.Args[1:]
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "usage: dashboard-check DASHBOARD.json...")
		os.Exit(2)
	}
	plugins.RegisterDefaultPlugins()

	failed := false
	for _, file := range files {
		for _, problem := range check(file) {
			failed = true
			fmt.Printf("%s: %s\n", file, problem)
		}
	}
	if failed {
		os.Exit(1)
	}
	fmt.Printf("ok %d dashboards\n", len(files))
}

// check returns the problems of one dashboard file (none when it is valid).
func check(file string) []string {
	raw, err := os.ReadFile(file)
	if err != nil {
		return []string{err.Error()}
	}
	raw, err = inheritDatasources(raw)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	var d dashboard.Dashboard
	if err := d.UnmarshalJSONStrict(raw); err != nil {
		problems = append(problems, split(err)...)
	} else if err := d.Validate(); err != nil {
		problems = append(problems, split(err)...)
	}
	if len(problems) > 0 {
		return problems
	}
	if d.Uid == nil || *d.Uid == "" {
		problems = append(problems, "uid: missing (dashboards are provisioned by their uid)")
	}
	if d.Title == nil || *d.Title == "" {
		problems = append(problems, "title: empty")
	}
	return problems
}

// split turns the SDK's joined build errors into one line each.
func split(err error) []string {
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		var out []string
		for _, e := range joined.Unwrap() {
			out = append(out, split(e)...)
		}
		return out
	}
	var lines []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// inheritDatasources gives every target without a datasource its panel's datasource
// reference (panels nested in collapsed rows included), leaving everything else as it is.
func inheritDatasources(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not a JSON object: %w", err)
	}
	var walk func(panels any)
	walk = func(panels any) {
		list, _ := panels.([]any)
		for _, p := range list {
			panel, ok := p.(map[string]any)
			if !ok {
				continue
			}
			walk(panel["panels"])
			ds, ok := panel["datasource"].(map[string]any)
			if !ok {
				continue
			}
			targets, _ := panel["targets"].([]any)
			for _, tg := range targets {
				if target, ok := tg.(map[string]any); ok && target["datasource"] == nil {
					target["datasource"] = ds
				}
			}
		}
	}
	walk(doc["panels"])
	return json.Marshal(doc)
}
