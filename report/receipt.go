package report

import (
	"io"
	"time"
)

// AuditReceipt is what a 校验码回执 says: the log's head at one moment.
type AuditReceipt struct {
	Org     string    // 单位名称
	Code    string    // the short code, "日志 1234 条 · a1b2c3d4"
	Hash    string    // the full hash, for a check by hand
	At      time.Time // when it was printed
	Created time.Time // PDF creation stamp; zero means now
}

// AuditReceiptPDF prints a one-page 操作日志校验码回执 for the office's files:
// the code in large type, the full hash, how to check it later, and lines
// for who filed it. Kept apart from the computer, it proves later that the
// log then held at least this many rows, ending in this hash.
func AuditReceiptPDF(w io.Writer, r AuditReceipt) error {
	meta := Meta{Title: "操作日志校验码回执", Org: r.Org, Subject: r.Code, Created: r.Created}
	_, err := Render(w, Portrait, meta, func(d *Doc) error {
		d.Title("操作日志校验码回执")
		d.Space(4)
		d.Text("校验码："+r.Code, TextStyle{Size: SizeSan, Align: AlignCenter, Bold: true})
		d.Space(4)
		d.Text("打印时间："+r.At.Local().Format("2006年1月2日 15:04"), TextStyle{Size: SizeXiaoSi})
		d.Text("完整校验值："+r.Hash, TextStyle{Size: SizeXiaoWu})
		d.Space(4)
		d.Paragraph("此回执记录了打印时操作日志的条数和最后一条记录的校验值。请与电脑分开存档。" +
			"日后核对时，在党建工作台的“操作日志”中点“校验日志完整性”，或运行 dangjian-cli audit verify --code \"" + r.Code + "\"：" +
			"若日志被截断、清空或改写，核对结果会指出。")
		d.Space(10)
		d.Text("经办人：____________　　　存档日期：____________", TextStyle{Size: SizeXiaoSi})
		return nil
	})
	return err
}
