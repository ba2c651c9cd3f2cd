package main

import (
	"fmt"
	"strings"

	"dangjian/data"
)

// libraryDocJSON is one document of `library search --json`.
type libraryDocJSON struct {
	ID       int64    `json:"id"`
	Title    string   `json:"title"`
	Category string   `json:"category"`
	Tags     []string `json:"tags"`
	Date     string   `json:"date"`
	FileName string   `json:"file_name"`
	Path     string   `json:"path"`
}

// cmdLibrarySearch finds library documents by words of their title, tags,
// description or text (.pdf, .docx, .txt). Exit 0 (found or not), 2 on error.
func cmdLibrarySearch(e *env, args []string) int {
	fs := flags(e, "library search")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return fail(e, fmt.Errorf("用法：dangjian-cli library search 关键词 [--json]"))
	}
	docs, err := e.store.SearchLibrary(e.ctx, q)
	if err != nil {
		return fail(e, err)
	}
	if *asJSON {
		out := []libraryDocJSON{}
		for _, d := range docs {
			tags := d.TagList()
			if tags == nil {
				tags = []string{}
			}
			out = append(out, libraryDocJSON{ID: d.ID, Title: d.Title, Category: d.Category, Tags: tags,
				Date: d.Date.String(), FileName: d.FileName, Path: e.store.LibraryPath(d)})
		}
		if err := writeJSON(e.out, out); err != nil {
			return fail(e, err)
		}
		return exitOK
	}
	if len(docs) == 0 {
		fmt.Fprintf(e.out, "资料库中没有找到“%s”。\n", q)
		return exitOK
	}
	fmt.Fprintf(e.out, "找到 %d 份资料：\n", len(docs))
	for _, d := range docs {
		fmt.Fprintf(e.out, "%s  [%s]  %s  %s\n", d.Date, d.Category, d.Title, d.FileName)
	}
	return exitOK
}

// cmdLibraryAdd puts a file into the library. Exit 0, or 2 on error.
func cmdLibraryAdd(e *env, args []string) int {
	fs := flags(e, "library add")
	title := fs.String("title", "", "标题（不写：文件名）")
	category := fs.String("category", "", "分类："+strings.Join(data.LibraryCategories, " / "))
	tags := fs.String("tags", "", "标签，逗号分隔")
	date := fs.String("date", "", "日期（不写：今天）")
	desc := fs.String("description", "", "说明")
	pos, err := interspersed(fs, args)
	if err != nil {
		return exitError
	}
	if len(pos) != 1 {
		return fail(e, fmt.Errorf("用法：dangjian-cli library add FILE --title 标题 --category 分类 [--tags a,b] [--date 日期]"))
	}
	d := data.LibraryDoc{Title: *title, Category: strings.TrimSpace(*category), Tags: *tags, Description: *desc}
	if *date != "" {
		if d.Date, err = data.ParseDateLoose(*date); err != nil {
			return fail(e, fmt.Errorf("日期“%s”无法识别", *date))
		}
	}
	d, err = e.store.AddLibraryFile(e.ctx, e.store.Role(e.ctx), d, pos[0])
	if err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.out, "已加入资料库：%s（%s，编号 %d）", d.Title, d.Category, d.ID)
	if !d.TextIndexed() {
		fmt.Fprint(e.out, "。此类文件只按标题、标签和说明检索")
	}
	fmt.Fprintln(e.out, "。")
	return exitOK
}
