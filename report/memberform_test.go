package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"dangjian/data"
	"dangjian/data/demo"
)

// formAsOf is the print date of the form tests.
var formAsOf = data.MustDate("2026-11-27")

// longRemark wraps over several lines of the form's 备注 cell.
const longRemark = "该同志长期坚持在公交一线工作，连续十年安全行车无责任事故，多次收到乘客书面表扬和锦旗；" +
	"2019年起带领班组开展“党员先锋车”创建活动，所在线路被评为集团公司文明线路。" +
	"2023年4月1日经支部大会讨论决定延长预备期半年（原因：参加组织生活不够经常），2023年10月1日转为正式党员。" +
	"联系电话13800138000，档案编号A4-2023-017。"

var formUnits = map[int64]string{2: "第一车队党支部", 3: "第一党小组", 5: "第二车队党支部", 6: "离退休党支部"}

func formUnitName(id int64) string { return formUnits[id] }

// fullMember has every field of the dossier filled.
func fullMember() data.Member {
	return data.Member{
		ID: 101, Name: "张建华", FormerName: "张小华", Sex: "男", Ethnicity: "汉族",
		BirthDate: data.MustDate("1980-05-03"), IDNumber: "370102198005031234", NativePlace: "山东平阴",
		Birthplace: "山东省济南市平阴县", Phone: "13805310001",
		Address:       "山东省济南市天桥区北园大街275号鑫苑国际城市花园2号楼2单元1801室",
		PoliceStation: "济南市公安局天桥区分局工人新村北村派出所",
		Education:     "大学本科", Degree: "学士", SchoolMajor: "中共济南市委党校（在职） 汽车运用与维修技术",
		WorkStart: data.MustDate("2001-07-15"), StaffNo: "156298", WorkUnit: "第一车队", JobPost: "驾驶员",
		AdminTitle: "线路长", ProTitle: "助理工程师", Category: "在岗职工",
		BranchID: 2, GroupID: 3, Standing: data.StandingFull, Status: data.StatusNormal,
		ApplyDate: data.MustDate("2008-03-10"), ActivistDate: data.MustDate("2008-09-01"),
		CandidateDate: data.MustDate("2009-10-12"), JoinDate: data.MustDate("2010-07-01"),
		FullDate: data.MustDate("2011-07-01"), TransferInDate: data.MustDate("2012-12-31"),
		JoinBranch: "济南市公共交通集团有限公司第三分公司机务保修党支部", FullBranch: "第一车队党支部",
		Introducer1: "侯东旭", Introducer2: "单伟", Cultivator: "魏建民", VolunteerNo: "2010370198215",
		PartyPost:   "第一车队党支部书记、第一分公司党总支纪检委员",
		Rewards:     "2023年度济南市交通运输系统优秀共产党员；2020年度集团公司“服务明星”",
		Punishments: "无", DuesBase: 450000, DuesPaidTo: "2026-10",
		ArchiveLocation: "第一分公司党群工作部", Remarks: longRemark,
	}
}

// fullValues are the printed forms of fullMember's values.
var fullValues = []string{
	"张建华", "张小华", "男", "汉族", "1980年5月3日", "46岁", "370102198005031234", "山东平阴", "山东省济南市平阴县",
	"正式党员", "正常", "15年", "第一车队党支部", "第一党小组",
	"2008年3月10日", "2008年9月1日", "2009年10月12日", "2010年7月1日", "2011年7月1日", "2012年12月31日",
	"7月1日", "4500.00 元", "2026年10月",
	"济南市公共交通集团有限公司第三分公司机务保修党支部", "2010370198215", "魏建民", "侯东旭、单伟",
	"第一车队党支部书记、第一分公司党总支纪检委员",
	"大学本科", "学士", "在岗职工", "中共济南市委党校（在职） 汽车运用与维修技术", "2001年7月15日",
	"第一车队", "156298", "驾驶员", "线路长", "助理工程师",
	"13805310001", "济南市公安局天桥区分局工人新村北村派出所",
	"山东省济南市天桥区北园大街275号鑫苑国际城市花园2号楼2单元1801室",
	"2023年度济南市交通运输系统优秀共产党员；2020年度集团公司“服务明星”", "第一分公司党群工作部",
	longRemark,
}

// formLabels must all be printed, empty form or not.
var formLabels = []string{
	"党员基本信息登记表", "所在党支部：", "填表（打印）日期：2026年11月27日",
	"基本信息", "党籍信息", "学历与工作", "联系方式", "奖惩与备注",
	"姓名", "曾用名", "性别", "民族", "出生日期", "年龄", "公民身份号码", "籍贯", "出生地",
	"党籍状态", "党员状态", "党龄", "所在党支部", "党小组", "申请入党日期", "确定积极分子日期", "确定发展对象日期",
	"入党日期", "转正日期", "组织关系转入日期", "政治生日", "党费基数", "党费交至", "入党时所在支部", "志愿书编号",
	"转正时所在支部", "培养联系人", "入党介绍人", "党内职务",
	"学历", "学位", "人员类别", "毕业院校及专业", "参加工作日期", "单位/部门", "工号", "岗位", "行政职务", "职称",
	"手机", "户籍所在地派出所", "家庭住址", "奖励", "处分", "档案存放地", "备注",
	"本人签字：", "党支部审核意见（盖章）：", "年月日",
}

// testPhoto makes a distinct ID photo like a real one: a smooth background,
// a face and shoulders, a little grain, through data.PreparePhoto (JPEG
// 240×336, about 15 KB).
func testPhoto(tb testing.TB, seed int) []byte {
	tb.Helper()
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	const w, h = data.PhotoWidth, data.PhotoHeight
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := [3]float64{60 + r.Float64()*60, 110 + r.Float64()*80, 180 + r.Float64()*60}
	skin := [3]float64{200 + r.Float64()*40, 160 + r.Float64()*40, 130 + r.Float64()*40}
	suit := [3]float64{20 + r.Float64()*40, 20 + r.Float64()*40, 30 + r.Float64()*60}
	cx, cy := float64(w)/2+r.Float64()*16-8, float64(h)*0.4
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := bg
			fx, fy := float64(x), float64(y)
			shade := 1 - 0.25*fy/float64(h)
			switch {
			case (fx-cx)*(fx-cx)/(52*52)+(fy-cy)*(fy-cy)/(70*70) < 1:
				c = skin
				shade = 1 - 0.3*math.Abs(fx-cx)/52
			case fy > cy+60 && math.Abs(fx-cx) < 30+(fy-cy-60)*1.2:
				c = suit
			}
			n := r.NormFloat64() * 5 // grain: sets the JPEG's size
			i := img.PixOffset(x, y)
			for k := range 3 {
				img.Pix[i+k] = uint8(max(0, min(255, c[k]*shade+n)))
			}
			img.Pix[i+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		tb.Fatal(err)
	}
	jpg, err := data.PreparePhoto(buf.Bytes())
	if err != nil {
		tb.Fatal(err)
	}
	return jpg
}

// renderTo writes a document made by render into a temporary file (kept
// under REPORT_KEEP as name) and returns its path and bytes.
func renderTo(t *testing.T, name string, render func(w io.Writer) error) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := WriteFileAtomic(path, render); err != nil {
		t.Fatalf("render %s: %v", name, err)
	}
	keep(t, path, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, b
}

// pdfPages counts the pages of a PDF written by gofpdf.
func pdfPages(t testing.TB, pdf []byte) int {
	t.Helper()
	m := regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no page tree in PDF")
	}
	var n int
	fmt.Sscan(string(m[1]), &n)
	return n
}

// imageCount counts the image objects embedded in a PDF.
func imageCount(pdf []byte) int { return bytes.Count(pdf, []byte("/Subtype /Image")) }

func formOpts() MemberFormOptions {
	return MemberFormOptions{AsOf: formAsOf, Org: "济南公交第一分公司党总支", UnitName: formUnitName, Created: testTime}
}

func TestMemberFormFull(t *testing.T) {
	m := fullMember()
	opts := formOpts()
	opts.Photos = map[int64][]byte{m.ID: testPhoto(t, 1)}
	opts.Events = map[int64][]data.MemberEvent{m.ID: {
		{Kind: data.EventReward, Date: data.MustDate("2023-07-01"), Content: "2023年度济南市交通运输系统优秀共产党员"},
		{Kind: data.EventTransferIn, Date: data.MustDate("2012-12-31"), From: "第三分公司机务保修党支部", BranchID: 2, LetterNo: "鲁公交党介〔2012〕118号", DuesPaidTo: "2012-12"},
		{Kind: data.EventPunish, Date: data.MustDate("2020-01-01"), Content: "已撤销的记录", Deleted: true},
	}}
	path, pdf := renderTo(t, "form-full.pdf", func(w io.Writer) error { return MemberForms(w, []data.Member{m}, opts) })
	if n := pdfPages(t, pdf); n != 1 {
		t.Errorf("a full form with two events takes %d pages, want 1", n)
	}
	txt := pageText(t, path, 1)
	assertContains(t, "form", txt, formLabels...)
	assertContains(t, "form", txt, fullValues...)
	assertContains(t, "form", txt, "历史事项", "类别", "事项内容", "组织关系转入", "2012年12月31日",
		"自第三分公司机务保修党支部，转入第一车队党支部，介绍信 鲁公交党介〔2012〕118号，党费交至 2012-12",
		"奖励", "2023年7月1日", "第 1 页 / 共 1 页", "济南公交第一分公司党总支")
	if strings.Contains(squash(txt), "已撤销的记录") {
		t.Error("a deleted event is printed")
	}
	// Events in date order: the transfer (2012) before the reward (2023).
	if s := squash(txt); strings.Index(s, "2012年12月31日自") > strings.Index(s, "2023年7月1日2023年度") {
		t.Error("history not in date order")
	}
	if n := imageCount(pdf); n != 1 {
		t.Errorf("%d images embedded, want 1", n)
	}
	if strings.Contains(squash(txt), "（一寸）") {
		t.Error("photo placeholder printed although the photo is there")
	}
	fonts := poppler(t, "pdffonts", path)
	if !regexp.MustCompile(`(?m)^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes`).MatchString(fonts) ||
		strings.Count(fonts, "\n") != 3 {
		t.Errorf("want one embedded subset font:\n%s", fonts)
	}
	if len(pdf) > 200<<10 {
		t.Errorf("one form is %d KB: the font is not subset", len(pdf)>>10)
	}
	if got := readOutline(t, pdf); len(got) != 1 || got[0].Title != "张建华（第一车队党支部）" {
		t.Errorf("bookmarks %+v", got)
	}
}

func TestMemberFormProbationaryAndDerived(t *testing.T) {
	m := fullMember()
	m.Standing, m.FullDate, m.FullBranch = data.StandingProbationary, data.Date{}, ""
	m.JoinDate = data.MustDate("2026-02-28")
	opts := formOpts()
	path, _ := renderTo(t, "form-probationary.pdf", func(w io.Writer) error { return MemberForms(w, []data.Member{m}, opts) })
	txt := squash(pageText(t, path, 1))
	for _, want := range []string{"党龄预备期", "入党日期2026年2月28日", "政治生日2月28日", "照片（一寸）"} {
		if !strings.Contains(txt, want) {
			t.Errorf("form lacks %q:\n%s", want, txt)
		}
	}
}

// demoSet is demo data read back through the store, as the GUI and CLI
// print it.
type demoSet struct {
	members  []data.Member // active and history, by branch then name
	names    map[int64]string
	branches []int64 // tree order
	org      string
}

func (ds demoSet) unitName(id int64) string { return ds.names[id] }

// loadDemo generates n demo members into a temporary store and reads them
// back.
func loadDemo(tb testing.TB, n int, seed uint64) demoSet {
	tb.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)
	s, err := data.Open(filepath.Join(tb.TempDir(), "demo.db"), data.Options{Now: func() time.Time { return now }})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	if _, err := demo.Load(ctx, s, demo.Options{Members: n, Seed: seed}); err != nil {
		tb.Fatal(err)
	}
	var ds demoSet
	if ds.members, err = s.Members(ctx, data.MemberFilter{Roster: data.RosterAll}); err != nil {
		tb.Fatal(err)
	}
	if ds.names, err = s.UnitNames(ctx); err != nil {
		tb.Fatal(err)
	}
	roots, err := s.OrgTree(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range roots {
		if ds.org == "" {
			ds.org = r.Unit.Name()
		}
		r.Walk(func(n *data.OrgNode, _ int) {
			if n.Unit.Level == data.LevelBranch {
				ds.branches = append(ds.branches, n.Unit.ID)
			}
		})
	}
	return ds
}

func TestMemberFormsSelection(t *testing.T) {
	ds := loadDemo(t, 60, 3)
	ms := ds.members[:25]
	photos := map[int64][]byte{}
	shared := testPhoto(t, 99)
	for i, m := range ms {
		switch {
		case i%5 == 0: // no photo
		case i%5 == 1: // the same photo for several members: embedded once
			photos[m.ID] = shared
		default:
			photos[m.ID] = testPhoto(t, i)
		}
	}
	photos[ms[4].ID] = []byte("not a JPEG") // a damaged photo: empty box, not a failed print
	distinct := map[string]bool{}
	for _, jpg := range photos {
		if _, err := jpeg.DecodeConfig(bytes.NewReader(jpg)); err == nil {
			distinct[string(jpg)] = true
		}
	}
	opts := MemberFormOptions{AsOf: formAsOf, Org: ds.org, UnitName: ds.unitName, Photos: photos, Created: testTime}
	path, pdf := renderTo(t, "forms-demo.pdf", func(w io.Writer) error { return MemberForms(w, ms, opts) })
	if n := pdfPages(t, pdf); n != len(ms) {
		t.Fatalf("%d forms on %d pages, want one page each", len(ms), n)
	}
	if n := imageCount(pdf); n != len(distinct) {
		t.Errorf("%d images embedded for %d distinct photos", n, len(distinct))
	}
	outline := readOutline(t, pdf)
	if len(outline) != len(ms) {
		t.Errorf("%d bookmarks for %d forms", len(outline), len(ms))
	}
	// Printed branch by branch, 按姓氏笔画 within each, every form numbered
	// on its own.
	ms = byBranchAndStrokes(ms)
	for i, m := range ms {
		txt := pageText(t, path, i+1)
		want := []string{m.Name, m.IDNumber, m.BirthDate.Chinese(), m.JoinDate.Chinese(), m.Phone, m.Address,
			ds.unitName(m.BranchID), m.Remarks, "第 1 页 / 共 1 页"}
		if !m.FullDate.IsZero() {
			want = append(want, m.FullDate.Chinese())
		}
		assertContains(t, fmt.Sprintf("form %d", i+1), txt, want...)
		if i < len(outline) && !strings.HasPrefix(outline[i].Title, m.Name) {
			t.Errorf("bookmark %d is %q, want %s", i, outline[i].Title, m.Name)
		}
		if hasPhoto := !strings.Contains(squash(txt), "照片（一寸）"); hasPhoto != distinct[string(photos[m.ID])] {
			t.Errorf("form %d (%s): photo printed %v, want %v", i+1, m.Name, hasPhoto, !hasPhoto)
		}
	}
}

func TestMemberFormEmpty(t *testing.T) {
	m := data.Member{ID: 7, Name: "李四"}
	opts := MemberFormOptions{} // no date, no names, no photos: defaults
	path, pdf := renderTo(t, "form-empty.pdf", func(w io.Writer) error { return MemberForms(w, []data.Member{m}, opts) })
	if n := pdfPages(t, pdf); n != 1 {
		t.Errorf("empty form on %d pages", n)
	}
	txt := pageText(t, path, 1)
	assertContains(t, "empty form", txt, formLabels[3:]...)
	assertContains(t, "empty form", txt, "姓名李四性别", "照片（一寸）", "填表（打印）日期："+data.Today().Chinese())
	if imageCount(pdf) != 0 {
		t.Error("image embedded for a member without photo")
	}

	// Nothing at all to print.
	if err := MemberForms(io.Discard, nil, opts); !errors.Is(err, ErrNothingToPrint) {
		t.Errorf("no members: %v", err)
	}
	// Not even a name.
	if err := MemberForms(io.Discard, []data.Member{{}}, opts); err != nil {
		t.Errorf("nameless member: %v", err)
	}
}

// TestMemberFormLongValues fills every field far beyond what the cells hold:
// everything wraps, nothing is lost, a 备注 longer than a page continues on
// the next pages under a continuation line, split across pages.
func TestMemberFormLongValues(t *testing.T) {
	m := fullMember()
	long := func(s string, n int) string { return strings.Repeat(s, n) }
	m.Name = "阿卜杜热合曼·买买提依明"
	m.Ethnicity = "维吾尔族"
	m.FormerName = "阿卜杜热合曼·买买提依明·艾则孜"
	m.NativePlace = "新疆维吾尔自治区喀什地区疏附县"
	m.Birthplace = "新疆维吾尔自治区喀什地区疏附县托克扎克镇阿亚克托克扎克村五组"
	m.JoinBranch = long("中共济南市公共交通集团有限公司", 4) + "党支部"
	m.PartyPost = long("党支部书记、", 12) + "纪检委员"
	m.SchoolMajor = long("山东交通学院（函授）交通运输管理专业，", 4)
	m.WorkUnit = long("第一分公司第一车队（新能源车辆维修班）", 3)
	m.Address = long("山东省济南市天桥区北园大街275号鑫苑国际城市花园2号楼2单元1801室；", 3)
	m.Rewards = long(fullMember().Rewards+"；", 6)
	m.Punishments = long("2015年受党内警告处分一次（2016年期满解除）；", 5)
	m.ArchiveLocation = long("集团公司离退休职工管理中心档案室", 5)
	var paras []string
	for i := 1; i <= 30; i++ {
		paras = append(paras, fmt.Sprintf("第%d段：", i)+longRemark)
	}
	m.Remarks = strings.Join(paras, "\n")
	opts := formOpts()
	opts.Photos = map[int64][]byte{m.ID: testPhoto(t, 2)}
	path, pdf := renderTo(t, "form-long.pdf", func(w io.Writer) error { return MemberForms(w, []data.Member{m}, opts) })
	pages := pdfPages(t, pdf)
	if pages < 2 {
		t.Fatalf("a form with a 30-paragraph 备注 on %d page", pages)
	}
	// Take out what repeats on every page before looking for values whole.
	all := squash(pageText(t, path, 0))
	// The section name is written beside each page's part of the section,
	// after its rows.
	all = strings.ReplaceAll(all, "奖惩与备注", "")
	for n := 1; n <= pages; n++ {
		all = strings.Replace(all, squash(fmt.Sprintf("第 %d 页 / 共 %d 页", n, pages)+MemberFormTitle+opts.Org), "", 1)
		if n > 1 {
			all = strings.Replace(all, squash(MemberFormTitle+"（续）　姓名："+m.Name), "", 1)
		}
	}
	for _, v := range []string{m.Name, m.FormerName, m.Ethnicity, m.NativePlace, m.Birthplace, m.JoinBranch, m.PartyPost,
		m.SchoolMajor, m.WorkUnit, m.Address, m.Rewards, m.Punishments, m.ArchiveLocation, m.IDNumber} {
		if !strings.Contains(all, squash(v)) {
			t.Errorf("%q not printed whole", v)
		}
	}
	if !strings.Contains(all, squash(strings.ReplaceAll(m.Remarks, "\n", ""))) {
		t.Errorf("备注 not printed whole:\n%s", all)
	}
	for n := 2; n <= pages; n++ {
		assertContains(t, fmt.Sprintf("page %d", n), pageText(t, path, n), MemberFormTitle+"（续）　姓名："+m.Name)
	}
}

// BenchmarkMemberForms1000 prints 1,000 登记表 with a distinct photo each
// (about 15 KB, as data.PreparePhoto makes them) into one PDF.
func BenchmarkMemberForms1000(b *testing.B) {
	ds := loadDemo(b, 1000, 1)
	ms := ds.members[:1000]
	photos := map[int64][]byte{}
	size := 0
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, m := range ms {
		wg.Go(func() {
			jpg := testPhoto(b, i)
			mu.Lock()
			photos[m.ID] = jpg
			size += len(jpg)
			mu.Unlock()
		})
	}
	wg.Wait()
	opts := MemberFormOptions{AsOf: formAsOf, Org: ds.org, UnitName: ds.unitName, Photos: photos}
	var buf bytes.Buffer
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := MemberForms(&buf, ms, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if n := pdfPages(b, buf.Bytes()); n != len(ms) {
		b.Fatalf("%d pages for %d forms", n, len(ms))
	}
	b.ReportMetric(float64(buf.Len())/1024/float64(len(ms)), "KB/page")
	b.ReportMetric(float64(size)/1024/float64(len(ms)), "KB/photo")
}

// TestMemberFormGrid checks the form's structure: the grid fills the width
// between the margins, and every row covers its columns exactly once, left
// of the photo beside the photo and to the right edge below it.
func TestMemberFormGrid(t *testing.T) {
	total := 0.0
	for _, w := range mfCols {
		total += w
	}
	if want := 210.0 - marginLeft - marginRight; math.Abs(total-want) > 1e-9 {
		t.Fatalf("form grid is %.1f mm wide, the page %.1f mm", total, want)
	}
	m := fullMember()
	opts := formOpts()
	opts.Events = map[int64][]data.MemberEvent{m.ID: {{Kind: data.EventReward, Date: formAsOf, Content: "优秀共产党员"}}}
	f := memberForm{m: m, opts: opts.withDefaults()}
	for i, r := range f.rows() {
		col := mfL1
		if r.sec == "" {
			col = mfSec
		}
		end := mfEnd
		if i < mfPhotoRow {
			end = mfPhoto
		}
		for _, c := range r.cells {
			if c.col != col || c.span < 1 {
				t.Errorf("row %d (%s): cell %q at column %d span %d, want column %d", i, r.sec, c.text, c.col, c.span, col)
			}
			col = c.col + c.span
		}
		if col != end {
			t.Errorf("row %d (%s) ends at column %d, want %d", i, r.sec, col, end)
		}
	}
}
