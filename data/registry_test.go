package data

import (
	"database/sql"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// notAudited are the tables that hold no audited records: the log itself,
// migrations, SQLite's own, the search index and derived values' versions.
func notAudited(table string) bool {
	switch table {
	case "audit_log", "audit_head", "schema_migrations", "sqlite_sequence", "derived_versions":
		return true
	}
	return strings.HasPrefix(table, "meeting_search") || strings.HasPrefix(table, "library_search")
}

// TestEveryAuditedTableIsRegistered walks the schema the migrations build:
// every table belongs to a registered entity (or is the element table of
// one of its list fields), and every column has a Chinese label there.
func TestEveryAuditedTableIsRegistered(t *testing.T) {
	s := openTest(t)
	owner := map[string][]Field{} // table → the fields labelling its columns
	for _, e := range registry() {
		if e.Table == "" {
			t.Errorf("entity %s names no table", e.Key)
		}
		owner[e.Table] = append(owner[e.Table], e.Fields...)
		for _, f := range e.Fields {
			if f.Kind == KindList {
				if f.Table == "" || len(f.Sub) == 0 {
					t.Errorf("%s.%s: a list field needs its table and element fields", e.Key, f.Key)
				}
				owner[f.Table] = append(owner[f.Table], f.Sub...)
			}
		}
	}
	var tables []string
	err := s.read(func(db *sql.DB) error {
		rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			tables = append(tables, n)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) < 10 {
		t.Fatalf("only %d tables: %q", len(tables), tables)
	}
	for _, table := range tables {
		if notAudited(table) {
			continue
		}
		fields, ok := owner[table]
		if !ok {
			t.Errorf("table %s is not registered with any entity (data/registry.go)", table)
			continue
		}
		ent := &Entity{Fields: fields}
		var cols []string
		err := s.read(func(db *sql.DB) error {
			rows, err := db.Query("SELECT name FROM pragma_table_info(?)", table)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var c string
				if err := rows.Scan(&c); err != nil {
					return err
				}
				cols = append(cols, c)
			}
			return rows.Err()
		})
		if err != nil || len(cols) == 0 {
			t.Fatalf("columns of %s: %q %v", table, cols, err)
		}
		for _, c := range cols {
			f, ok := ent.Field(c)
			if !ok || f.Label == "" || f.Label == c {
				t.Errorf("column %s.%s has no Chinese label in the registry", table, c)
			}
		}
	}
	for table := range owner {
		found := false
		for _, n := range tables {
			found = found || n == table
		}
		if !found {
			t.Errorf("registry names table %s, which the migrations do not create", table)
		}
	}
}

// TestEveryAuditedRecordIsLabelled: every JSON key of each shape written
// to the log has a label within its own entity — never another entity's.
func TestEveryAuditedRecordIsLabelled(t *testing.T) {
	shapes := recordShapes
	if len(shapes) != len(Entities()) {
		t.Errorf("%d shapes for %d entities: add the new entity's record here", len(shapes), len(Entities()))
	}
	labels := map[string]string{}
	for _, key := range Entities() {
		if labels[EntityLabel(key)] != "" {
			t.Errorf("entities %s and %s share the label %s", key, labels[EntityLabel(key)], EntityLabel(key))
		}
		labels[EntityLabel(key)] = key
		shape, ok := shapes[key]
		if !ok {
			t.Errorf("entity %s: no record shape in this test", key)
			continue
		}
		b, _ := json.Marshal(shape)
		var m map[string]any
		json.Unmarshal(b, &m)
		ent := EntityOf(key)
		for k := range m {
			f, ok := ent.Field(k)
			if !ok || f.Label == "" {
				t.Errorf("%s (%s): field %q has no label", key, ent.Label, k)
			}
			if f.Kind == KindList {
				checkElements(t, key+"."+k, f, reflect.TypeOf(shape))
			}
		}
	}
	// Audit rows of these kinds are written by the code: each is registered.
	for _, key := range []string{EntitySetting, EntityOrgUnit, EntityPost, EntityMember, EntityPhoto, EntityEvent,
		EntityMeeting, EntityTemplate, EntityRule, EntityAttachment, EntityChecklistItem, EntityChecklistScore,
		EntityChecklistYear, EntityTask, EntityAssignment} {
		if EntityOf(key) == nil || EntityLabel(key) == key {
			t.Errorf("entity %s is not registered", key)
		}
	}
}

// checkElements checks that a list field's element keys are labelled.
func checkElements(t *testing.T, name string, f Field, shape reflect.Type) {
	t.Helper()
	for i := 0; i < shape.NumField(); i++ {
		sf := shape.Field(i)
		key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if key != f.Key || sf.Type.Kind() != reflect.Slice {
			continue
		}
		elem := sf.Type.Elem()
		sub := &Entity{Fields: f.Sub}
		for j := 0; j < elem.NumField(); j++ {
			k, _, _ := strings.Cut(elem.Field(j).Tag.Get("json"), ",")
			if _, ok := sub.Field(k); !ok && k != "-" && k != "" {
				t.Errorf("%s: element field %q has no label", name, k)
			}
		}
	}
}

func TestFormatMoney(t *testing.T) {
	for _, c := range []struct {
		fen  int64
		want string
	}{
		{0, "0.00 元"}, {5, "0.05 元"}, {123456, "1,234.56 元"}, {123500, "1,235.00 元"},
		{100000000, "1,000,000.00 元"}, {-123456, "-1,234.56 元"}, {99999, "999.99 元"},
	} {
		if got := FormatMoney(c.fen); got != c.want {
			t.Errorf("FormatMoney(%d) = %q, want %q", c.fen, got, c.want)
		}
	}
}

// TestFormatValue: each kind reads as people write it.
func TestFormatValue(t *testing.T) {
	names := NewAuditNames(map[string]map[int64]string{EntityOrgUnit: {7: "第一车队党支部", 8: "机关党支部"}})
	num := func(s string) any { return json.Number(s) }
	for _, c := range []struct {
		entity, field string
		v             any
		want          string
	}{
		{EntityMember, "dues_base", num("523456"), "5,234.56 元"},
		{EntityMember, "dues_base", num("0"), ""},
		{EntityMember, "birth_date", "1985-03-12", "1985-03-12"},
		{EntityMember, "branch_id", num("7"), "第一车队党支部"},
		{EntityMember, "branch_id", num("9"), "组织（编号 9）"},
		{EntityMember, "status", "流动党员", "流动党员"},
		{EntityOrgUnit, "level", "branch", "党支部"},
		{EntityOrgUnit, "term_years", num("3"), "3 年"},
		{EntityRule, "period", "quarter", "每季度"},
		{EntityChecklistItem, "points", num("60"), "6 分"},
		{EntityChecklistItem, "points", num("25"), "2.5 分"},
		{EntityChecklistItem, "bonus", true, "是"},
		{EntityChecklistItem, "bonus", false, "否"},
		{EntityChecklistItem, "rule", "committee_monthly", "支委会每月召开"},
		{EntityChecklistItem, "rule", "", "人工评分"},
		{EntityChecklistScore, "score", num("45"), "4.5 分"},
		{EntityTask, "points", num("50"), "5 分"},
		{EntityTask, "branches", []any{num("8"), num("7")}, "机关党支部、第一车队党支部"},
		{EntityMeeting, "present", num("12"), "12 人"},
		{EntityMeeting, "status", "已审核", "已审核"},
		{EntityAttachment, "size", num("2048"), "2.0 KB"},
		{EntityAttachment, "owner_entity", EntityMeeting, "会议记录"},
		{EntityMeeting, "attendance", []any{
			map[string]any{"name": "张三", "state": "出席"}, map[string]any{"name": "李四", "state": "请假"},
			map[string]any{"name": "王五", "state": "出席"}}, "出席 2 人，请假：李四"},
	} {
		f, ok := EntityOf(c.entity).Field(c.field)
		if !ok {
			t.Errorf("%s.%s not registered", c.entity, c.field)
			continue
		}
		if got := names.FormatValue(f, c.v); got != c.want {
			t.Errorf("%s.%s %v = %q, want %q", c.entity, c.field, c.v, got, c.want)
		}
	}
}

// TestAuditSummaryReadsAsChinese: the defects seen in the 操作日志 — a
// meeting's status labelled 党员状态, a task's title 职务, an item's
// points printed raw — do not recur.
func TestAuditSummaryReadsAsChinese(t *testing.T) {
	names := NewAuditNames(map[string]map[int64]string{EntityOrgUnit: {3: "机关党支部"}})
	for _, c := range []struct {
		e    AuditEntry
		want string
		not  []string
	}{
		{AuditEntry{Entity: EntityMeeting, Action: ActionUpdate, RecordID: "5",
			Before: `{"id":5,"unit_id":3,"kind":"支部委员会会议","date":"2026-03-05","status":"草稿"}`,
			After:  `{"id":5,"unit_id":3,"kind":"支部委员会会议","date":"2026-03-05","status":"已审核"}`},
			"审核状态：草稿 → 已审核", []string{"党员状态"}},
		{AuditEntry{Entity: EntityTask, Action: ActionUpdate, RecordID: "2",
			Before: `{"id":2,"title":"建立台账","points":50}`, After: `{"id":2,"title":"建立工作台账","points":60}`},
			"任务：建立台账 → 建立工作台账；分值：5 分 → 6 分", []string{"职务"}},
		{AuditEntry{Entity: EntityChecklistItem, Action: ActionInsert, RecordID: "9",
			After: `{"id":9,"year":2026,"dimension":"组织生活","item":"支委会每月召开","points":60}`},
			"年度：2026 年；考评方面：组织生活；分值：6 分", []string{"year", "points", "60"}},
		{AuditEntry{Entity: EntityMember, Action: ActionUpdate, RecordID: "1",
			Before: `{"id":1,"name":"张三","phone":"","dues_base":450000,"branch_id":3}`,
			After:  `{"id":1,"name":"张三","phone":"13800138000","dues_base":500000,"branch_id":3}`},
			"手机：（空） → 13800138000；党费基数：4,500.00 元 → 5,000.00 元", []string{"电话", "分"}},
		{AuditEntry{Entity: EntityTask, Action: ActionUpdate, RecordID: "3",
			Before: `{"id":3,"title":"深入学习贯彻习近平新时代中国特色社会主义思想，制定支部年度理论学习计划"}`,
			After:  `{"id":3,"title":"深入学习贯彻习近平新时代中国特色社会主义思想，制定支部年度理论学习计划（修订）"}`},
			"任务：…理论学习计划 → …理论学习计划（修订）", nil},
		{AuditEntry{Entity: EntitySetting, Action: ActionUpdate, RecordID: SettingFontScale,
			Before: `{"value":"1"}`, After: `{"value":"1.15"}`},
			"字号：标准 → 较大", []string{"设置值"}},
		{AuditEntry{Entity: EntityMember, Action: ActionDelete, RecordID: "1",
			Before: `{"id":1,"name":"张三"}`, After: `{"id":1,"name":"张三","deleted":true}`},
			"删除记录", nil},
	} {
		got := names.Summary(c.e)
		if got != c.want {
			t.Errorf("%s %s: summary %q, want %q", c.e.Entity, c.e.Action, got, c.want)
		}
		detail := names.Detail(c.e)
		for _, bad := range c.not {
			if strings.Contains(got, bad) {
				t.Errorf("%s summary %q contains %q", c.e.Entity, got, bad)
			}
			if strings.Contains(detail, bad+"：") {
				t.Errorf("%s detail %q contains %q", c.e.Entity, detail, bad)
			}
		}
	}
}

// TestAuditNamesFromStore: the log names records from the database, a
// unit by its short name, a member by name.
func TestAuditNamesFromStore(t *testing.T) {
	s := openTest(t)
	root, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelGeneral, Kind: "党总支", FullName: "中共示范公司总支部委员会", ShortName: "示范党总支"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveUnit(ctx, RoleOffice, OrgUnit{Level: LevelBranch, Kind: "党支部", ParentID: root.ID, FullName: "中共示范公司机关支部委员会", ShortName: "机关党支部"})
	if err != nil {
		t.Fatal(err)
	}
	names, err := s.AuditNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.AuditEntries(ctx, AuditFilter{Entity: EntityOrgUnit})
	if err != nil || len(list) != 2 {
		t.Fatalf("%d rows %v", len(list), err)
	}
	got := names.Summary(list[0])
	if !strings.Contains(got, "上级组织：示范党总支") || !strings.Contains(got, "层级：党支部") {
		t.Errorf("summary %q", got)
	}
	if n := names.RecordName(list[0]); n != "中共示范公司机关支部委员会" {
		t.Errorf("record name %q", n)
	}
	_ = b
}

// TestMemberFieldList: the one list the form, the columns, the export and
// the import read. Its terms are the domain's (domain.md §3).
func TestMemberFieldList(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range MemberFields() {
		if seen[f.Key] || seen[f.Label] {
			t.Errorf("duplicate %s / %s", f.Key, f.Label)
		}
		seen[f.Key], seen[f.Label] = true, true
		if f.Kind == KindEnum && len(f.Choices) == 0 {
			t.Errorf("%s: enum without choices", f.Key)
		}
	}
	want := map[string]string{"phone": "手机", "dues_base": "党费基数（元/月）", "dues_paid_to": "党费交至年月",
		"id_number": "公民身份号码", "work_unit": "单位/车队/部门"}
	for k, h := range want {
		if f, ok := MemberField(k); !ok || f.Heading() != h {
			t.Errorf("%s heading %q, want %q", k, f.Heading(), h)
		}
	}
	// Every stored field of a dossier is in the list.
	b, _ := json.Marshal(Member{})
	var m map[string]any
	json.Unmarshal(b, &m)
	for k := range m {
		if _, ok := MemberField(k); !ok && k != "id" {
			t.Errorf("member field %s is not in the list", k)
		}
	}
}

// TestEveryEntityAndSettingConstantIsRegistered reads the package's source:
// every Entity… constant names a registered entity and every Setting…
// constant a labelled setting, so a new module's audit rows and settings
// never reach the 操作日志 as raw keys.
func TestEveryEntityAndSettingConstantIsRegistered(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var entities, settings int
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					val, _ := strconv.Unquote(lit.Value)
					switch {
					case strings.HasPrefix(id.Name, "Entity"):
						entities++
						if EntityOf(val) == nil {
							t.Errorf("%s (%s = %q) is not registered in registry.go", name, id.Name, val)
						}
					case strings.HasPrefix(id.Name, "Setting"):
						settings++
						if SettingLabel(val) == val {
							t.Errorf("%s (%s = %q) has no label in settingFields", name, id.Name, val)
						}
					}
				}
			}
		}
	}
	if entities < len(Entities()) || settings < 5 {
		t.Errorf("found %d entity and %d setting constants", entities, settings)
	}
}
