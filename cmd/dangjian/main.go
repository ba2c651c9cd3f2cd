// Command dangjian is the 党建工作台 desktop program.
package main

import (
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"dangjian/data"
	"dangjian/ui"
)

const appID = "cn.dangjian.workbench"

func main() {
	dbFlag := flag.String("db", "", "数据库文件路径（默认 "+data.DefaultDBPath()+"，或环境变量 "+data.EnvDB+"）")
	shot := flag.String("screenshot", "", "渲染主窗口保存为 PNG 后退出（用于测试与文档）")
	screen := flag.String("screen", "", "与 --screenshot 同用：先切换到该模块，如 组织架构、操作日志、系统设置")
	size := flag.String("size", "", "窗口大小，宽x高（默认：首次最大化，之后沿用上次关闭时的大小和位置）")
	version := flag.Bool("version", false, "显示版本后退出")
	flag.Parse()
	if *version {
		fmt.Printf("党建工作台 %s（数据结构版本 %d）\n", data.AppVersion, data.SchemaVersion())
		return
	}

	ui.InstallTranslations()
	a := app.NewWithID(appID)
	if *dbFlag == "" && os.Getenv(data.EnvDB) == "" {
		// The database opened last (打开数据库 in the program) is the one
		// found again at the next start.
		*dbFlag = ui.LastDatabase(a)
	}
	a.SetIcon(ui.IconResource)
	a.Settings().SetTheme(ui.NewTheme(1))
	w := a.NewWindow("党建工作台")
	if *size != "" || *shot != "" {
		w.Resize(parseSize(*size))
	} else {
		restoreWindow(a, w)
	}

	s, err := data.Open(data.ResolveDBPath(*dbFlag), data.Options{Program: "党建工作台", FallbackReadOnly: true})
	if err != nil {
		// Nothing else can work without the database: say why, in Chinese,
		// in a window (office users never see a console), then exit.
		showFatal(a, w, err, data.ResolveDBPath(*dbFlag), *shot)
		return
	}
	defer s.Close()

	sh := ui.Create(a, w, s)
	// 打开数据库 may have switched to another store by the end.
	defer func() { sh.Store().Close() }()
	if *size == "" && *shot == "" {
		// Closing (after any unsaved edits were settled) remembers the
		// window for the next start.
		sh.SetOnClose(func() {
			rememberWindow(a, w)
			w.Close()
		})
	}
	w.SetMaster()
	if *shot == "" {
		ui.RememberDatabase(a, s.Path())
		// With a password set, the day's backup runs after the sign-in.
		sh.AfterSignIn(sh.AutoBackup)
		sh.FirstStart()
		sh.WatchIdle(2 * time.Second)
	}
	if *screen != "" && !sh.Show(*screen) {
		fmt.Fprintf(os.Stderr, "没有名为“%s”的模块，可选：%s\n", *screen, strings.Join(sh.Titles(), "、"))
		os.Exit(2)
	}
	if *shot != "" {
		captureAndQuit(w, *shot, func() int { s.Close(); return 0 })
	}
	if *size != "" || *shot != "" || a.Preferences().String(prefPlacement) == "" {
		w.CenterOnScreen()
	}
	w.ShowAndRun()
}

func parseSize(s string) fyne.Size {
	var wd, ht float32
	if _, err := fmt.Sscanf(s, "%fx%f", &wd, &ht); err != nil || wd < 400 || ht < 300 {
		return defaultSize
	}
	return fyne.NewSize(wd, ht)
}

func showFatal(a fyne.App, w fyne.Window, err error, dbPath, shot string) {
	fmt.Fprintln(os.Stderr, "错误：", err)
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle("党建工作台无法打开数据库", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	quit := widget.NewButton("退出", a.Quit)
	quit.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), quit)
	if data.IsDamaged(err) {
		// The one moment a restore is needed most: offer it right here.
		buttons.Objects = append([]fyne.CanvasObject{widget.NewButton("从备份恢复…", func() {
			restoreDamaged(w, dbPath, msg)
		})}, buttons.Objects...)
	}
	w.SetContent(container.NewPadded(container.NewBorder(title, buttons, nil, nil, msg)))
	w.Resize(fyne.NewSize(560, 240))
	if shot != "" {
		captureAndQuit(w, shot, func() int { return 2 })
	}
	w.ShowAndRun()
	os.Exit(2)
}

// restoreDamaged lets the user pick a backup and restores it over a
// database too damaged to open; the damaged file is kept aside.
func restoreDamaged(w fyne.Window, dbPath string, msg *widget.Label) {
	w.Resize(fyne.NewSize(900, 620))
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		src := r.URI().Path()
		r.Close()
		msg.SetText("正在从 " + src + " 恢复，请稍候，完成前不要关闭程序……")
		go func() {
			text := ""
			s, err := data.Open(dbPath, data.Options{Program: "党建工作台（恢复）", ForRestore: true})
			if err == nil {
				var res data.RestoreResult
				res, err = s.Restore(context.Background(), src, nil)
				s.Close()
				text = res.Summary(src) + "\n\n请退出后重新启动党建工作台。"
			}
			if err != nil {
				text = "恢复未完成：" + err.Error()
			}
			fyne.Do(func() { msg.SetText(text) })
		}()
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Join(filepath.Dir(dbPath), "backups"))); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(860, 560))
	d.Show()
}

// captureAndQuit saves the window's content as a PNG once the window is up,
// then exits. The picture is drawn by Fyne's software painter from the very
// widgets on screen: reading back the GL front buffer gives white under Xvfb
// with Mesa, whereas this works the same on every machine. It exits directly
// after closing the store rather than through Fyne's shutdown, which can
// panic when the pointer moves during teardown (fyne-io/fyne#5981) and
// would make a good screenshot look like a failure. done closes what is
// open and gives the exit code (2 when the window shows a fatal error).
func captureAndQuit(w fyne.Window, path string, done func() int) {
	go func() {
		time.Sleep(2 * time.Second)
		fyne.Do(func() {
			c := software.NewCanvas()
			size := w.Canvas().Size()
			c.SetContent(w.Content())
			c.Resize(size)
			img := c.Capture()
			f, err := os.Create(path)
			if err == nil {
				err = png.Encode(f, img)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "截图失败：", err)
				os.Exit(2)
			}
			os.Exit(done())
		})
	}()
}
