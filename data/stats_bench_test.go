package data

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Speed targets of issue 13: the to-do list and the statistics over
// 100,000 members and 1,000,000 attendance rows, each under 200 ms.
//
// The database: a 党总支 with 1,000 branches (each with a 书记 and a
// 组织委员, two groups, a term running out for one in ten), 100 members
// per branch (one in twenty a 预备党员, a few hundred transferred out),
// 2026 to 11-27: every branch's 主题党日 monthly with the whole branch on
// the attendance list (1,100,000 rows), 支委会 monthly with one month in
// seven skipped, 党小组会 monthly; 32 tasks assigned to every branch. It
// is built with set-based SQL inserts (a few seconds) and kept in the
// temporary folder between runs.

const (
	benchBranches  = 1000
	benchPerBranch = 100
)

var benchDay = MustDate("2026-11-27")

func statsBenchStore(b *testing.B) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), "dangjian-bench-stats-v2.db")
	opt := Options{Now: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local) }, BackupDir: b.TempDir()}
	if _, err := os.Stat(path); err == nil {
		s, err := Open(path, opt)
		if err == nil {
			b.Cleanup(func() { s.Close() })
			return s
		}
		os.Remove(path)
	}
	tmp := path + ".building"
	os.Remove(tmp)
	s, err := Open(tmp, opt)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	err = s.Write(ctx, func(tx *Tx) error {
		for _, q := range benchSQL {
			if _, err := tx.exec(q); err != nil {
				return err
			}
		}
		return tx.FillMemberKeys()
	})
	if err != nil {
		s.Close()
		b.Fatal(err)
	}
	s.Close()
	b.Logf("built %s in %.1fs", path, time.Since(start).Seconds())
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	if s, err = Open(path, opt); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

const benchNow = "'2026-11-27T02:00:00Z'"

const (
	benchSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单"
	benchGiven    = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志海燕红梅晓东玉春小文德林云飞"
)

var benchSQL = []string{
	`INSERT INTO org_units(id, parent_id, level, kind, full_name, short_name, created_at, updated_at)
		VALUES (1, NULL, 'general', '党总支', '中共示范公交集团委员会', '集团党委', ` + benchNow + `, ` + benchNow + `)`,
	// Branches 2..1001: founded 2010, terms from 2023-06-01 (3 years: one in ten already due).
	`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 1000)
	 INSERT INTO org_units(id, parent_id, level, kind, full_name, short_name, founded, term_start, term_years, sort_order, created_at, updated_at)
	 SELECT i+1, 1, 'branch', '党支部', '第' || i || '党支部', '第' || i || '支部', '2010-01-01',
		CASE WHEN i % 10 = 0 THEN '2023-06-01' ELSE '2025-06-01' END, 3, i, ` + benchNow + `, ` + benchNow + ` FROM n`,
	// Two groups per branch: ids 2001.. (branch b: 2000+2(b-1)-1 …).
	`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 2000)
	 INSERT INTO org_units(id, parent_id, level, kind, full_name, short_name, founded, created_at, updated_at)
	 SELECT 2000+i, (i+1)/2 + 1, 'group', '党小组', '第' || ((i+1)/2) || '支部第' || (2 - i % 2) || '党小组', '第' || (2 - i % 2) || '党小组',
		'2010-01-01', ` + benchNow + `, ` + benchNow + ` FROM n`,
	`INSERT INTO org_posts(unit_id, title, holder, start, created_at, updated_at)
	 SELECT id, '书记', '书记' || id, '2020-01-01', ` + benchNow + `, ` + benchNow + ` FROM org_units WHERE level = 'branch'
	 UNION ALL
	 SELECT id, '组织委员', '委员' || id, '2020-01-01', ` + benchNow + `, ` + benchNow + ` FROM org_units WHERE level = 'branch'`,
	// 100,000 members: ages 20–90, 党龄 0–60, one in twenty a 预备党员;
	// names drawn from common surnames (单, 曾 … among them) and given-name
	// characters, so searches and name orders meet real spellings.
	`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE i < 99999)
	 INSERT INTO members(name, phone, staff_no, sex, ethnicity, birth_date, education, category, branch_id, group_id, standing, status,
		join_date, full_date, created_at, updated_at)
	 SELECT substr('` + benchSurnames + `', i % 101 + 1, 1) || substr('` + benchGiven + `', i * 7 % 42 + 1, 1) ||
		CASE WHEN i % 3 = 0 THEN '' ELSE substr('` + benchGiven + `', i * 13 % 42 + 1, 1) END,
		'13' || printf('%09d', i * 7919 % 1000000000), 'G' || printf('%06d', i), CASE WHEN i % 3 = 0 THEN '女' ELSE '男' END, CASE WHEN i % 25 = 0 THEN '回族' ELSE '汉族' END,
		date('1936-01-01', '+' || (i * 7919 % 25500) || ' days'),
		CASE i % 5 WHEN 0 THEN '研究生' WHEN 1 THEN '大学本科' WHEN 2 THEN '大学专科' WHEN 3 THEN '高中' ELSE '初中' END,
		CASE i % 4 WHEN 0 THEN '离退休' ELSE '在岗职工' END,
		i / 100 + 2, 2001 + 2 * (i / 100) + i % 2,
		CASE WHEN i % 20 = 0 THEN '预备党员' ELSE '正式党员' END,
		CASE WHEN i % 400 = 7 THEN '转出' ELSE '正常' END,
		CASE WHEN i % 20 = 0 THEN date('2025-11-01', '+' || (i % 300) || ' days') ELSE date('1965-01-01', '+' || (i * 104729 % 21900) || ' days') END,
		CASE WHEN i % 20 = 0 THEN NULL ELSE date('1966-01-01', '+' || (i * 104729 % 21900) || ' days') END,
		` + benchNow + `, ` + benchNow + ` FROM n`,
	`INSERT INTO member_events(member_id, kind, date, details, created_at)
	 SELECT id, '组织关系转出', date('2026-08-01', '+' || (id % 100) || ' days'),
		json_object('member_id', id, 'kind', '组织关系转出', 'date', date('2026-08-01', '+' || (id % 100) || ' days'), 'to', '外单位', 'valid_days', 90),
		` + benchNow + ` FROM members WHERE status = '转出'`,
	// Meetings of 2026 up to November: 主题党日 and 支委会 per branch, 党小组会 per group.
	`WITH RECURSIVE mo(m) AS (SELECT 1 UNION ALL SELECT m+1 FROM mo WHERE m < 11)
	 INSERT INTO meetings(unit_id, kind, topic, date, status, created_at, updated_at)
	 SELECT u.id, '主题党日', '主题党日活动', printf('2026-%02d-10', mo.m), '已审核', ` + benchNow + `, ` + benchNow + `
	 FROM org_units u, mo WHERE u.level = 'branch'
	 UNION ALL
	 SELECT u.id, '支部委员会会议', '研究支部工作', printf('2026-%02d-05', mo.m), CASE WHEN (u.id + mo.m) % 50 = 0 THEN '已提交' ELSE '已审核' END,
		` + benchNow + `, ` + benchNow + `
	 FROM org_units u, mo WHERE u.level = 'branch' AND (u.id + mo.m) % 7 <> 0
	 UNION ALL
	 SELECT u.id, '党小组会', '党小组学习', printf('2026-%02d-15', mo.m), '已审核', ` + benchNow + `, ` + benchNow + `
	 FROM org_units u, mo WHERE u.level = 'group'`,
	`INSERT INTO meeting_attendance(meeting_id, member_id, name, standing, state)
	 SELECT m.id, p.id, p.name, p.standing, CASE WHEN p.id % 10 = 0 THEN '请假' ELSE '出席' END
	 FROM meetings m JOIN members p ON p.branch_id = m.unit_id WHERE m.kind = '主题党日'`,
	// 32 tasks of 2026, every branch assigned; due dates through the year.
	`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 32)
	 INSERT INTO tasks(id, year, aspect, title, due, points, remind_days, sort_order, created_at, updated_at)
	 SELECT i, 2026, '方面' || ((i - 1) / 6 + 1), '任务' || i, date('2026-01-31', '+' || (i * 11) || ' days'), 30, 7, i,
		` + benchNow + `, ` + benchNow + ` FROM n`,
	`INSERT INTO task_assignments(task_id, branch_id, status, due, updated_at)
	 SELECT t.id, u.id, CASE WHEN (t.id + u.id) % 3 = 0 THEN '待办' ELSE '已完成' END, t.due, ` + benchNow + `
	 FROM tasks t, org_units u WHERE u.level = 'branch'`,
}

// reportCPU adds the CPU time per operation (cpu-ms/op) to a benchmark.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op") }
}

func BenchmarkTodo(b *testing.B) {
	s := statsBenchStore(b)
	b.ResetTimer()
	defer reportCPU(b)()
	var n int
	for i := 0; i < b.N; i++ {
		items, err := s.Todo(ctx, RoleOffice, benchDay)
		if err != nil {
			b.Fatal(err)
		}
		n = len(items)
	}
	b.ReportMetric(float64(n), "items")
}

func BenchmarkTodoBranch(b *testing.B) {
	s := statsBenchStore(b)
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := s.Todo(ctx, Role{BranchID: 500}, benchDay); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStats(b *testing.B) {
	s := statsBenchStore(b)
	b.ResetTimer()
	defer reportCPU(b)()
	var total int
	for i := 0; i < b.N; i++ {
		st, err := s.Stats(ctx, StatsOptions{AsOf: benchDay, NoScores: true})
		if err != nil {
			b.Fatal(err)
		}
		total = st.Total
	}
	b.ReportMetric(float64(total), "members")
}

func BenchmarkStatsWithScores(b *testing.B) {
	s := statsBenchStore(b)
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := s.Stats(ctx, StatsOptions{AsOf: benchDay}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStatsBranch(b *testing.B) {
	s := statsBenchStore(b)
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if _, err := s.Stats(ctx, StatsOptions{AsOf: benchDay, BranchID: 500}); err != nil {
			b.Fatal(err)
		}
	}
}
