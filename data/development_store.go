package data

// The 发展党员 store: candidates, the steps done for them, the material
// files, the office's edits of the steps, and what a step does to the
// roster (step 17 puts the candidate on it as 预备党员, step 24 makes them
// 正式党员, a step-23 取消预备党员资格 takes them off). The rules
// themselves live in development.go; every write here is audited and
// nothing is hard-deleted.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// Audit entities of the development module.
const (
	EntityDevCandidate = "dev_candidate"
	EntityDevStep      = "dev_step"
	EntityDevStepEdit  = "dev_step_edit"
)

// DevFile is a candidate with every step recorded for them.
type DevFile struct {
	Candidate DevCandidate
	Steps     []DevStepRecord
}

// devCanWrite: the office writes every branch's files, a branch copy only
// its own branch's.
func devCanWrite(r Role, branchID int64) error {
	if r.Office || (r.BranchID != 0 && r.BranchID == branchID) {
		return nil
	}
	return fmt.Errorf("只能登记本支部的发展党员材料")
}

// ---- The steps as the office worded them ----

// DevProcess is the shipped steps with the office's edits of names, actors,
// required materials and descriptions merged in.
func (s *Store) DevProcess(ctx context.Context) (DevProcess, error) {
	p := DefaultDevProcess()
	var edits []DevStep
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, "SELECT step, name, actor, materials, description FROM dev_step_edits ORDER BY step")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var st DevStep
			var mats string
			if err := rows.Scan(&st.Number, &st.Name, &st.Actor, &mats, &st.Description); err != nil {
				return err
			}
			json.Unmarshal([]byte(mats), &st.Materials)
			edits = append(edits, st)
		}
		return rows.Err()
	})
	if err != nil {
		return p, err
	}
	p.Steps = MergeStepEdits(p.Steps, edits)
	return p, nil
}

// SaveDevStepEdit stores the office's wording of one step. Only the office
// may change it; the step's number, stage and rule stay as shipped.
func (s *Store) SaveDevStepEdit(ctx context.Context, role Role, st DevStep) (DevStep, error) {
	if !role.Office {
		return st, fmt.Errorf("发展党员步骤由党总支办公室设置，党支部不能修改")
	}
	if st.Number < 1 || st.Number > DevStepCount {
		return st, fmt.Errorf("步骤编号应在 1 至 %d 之间", DevStepCount)
	}
	st.Name = strings.TrimSpace(st.Name)
	if st.Name == "" {
		return st, &ValidationError{Errors: []FieldIssue{{"name", "请填写步骤名称"}}}
	}
	p, err := s.DevProcess(ctx)
	if err != nil {
		return st, err
	}
	old := p.Step(st.Number)
	merged := MergeStepEdits([]DevStep{old}, []DevStep{st})[0]
	mats, _ := json.Marshal(devNonNil(merged.Materials))
	err = s.Write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`INSERT INTO dev_step_edits(step, name, actor, materials, description, updated_at) VALUES (?,?,?,?,?,?)
			ON CONFLICT(step) DO UPDATE SET name = excluded.name, actor = excluded.actor, materials = excluded.materials,
			description = excluded.description, updated_at = excluded.updated_at`,
			merged.Number, merged.Name, merged.Actor, string(mats), merged.Description, tx.at); err != nil {
			return err
		}
		return tx.audit(EntityDevStepEdit, int64(merged.Number), ActionUpdate, old, merged)
	})
	return merged, err
}

func devNonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ---- Candidates ----

var devCandidateSelect = `SELECT id, name, sex, id_number, birth_date, branch_id, phone, education, job, apply_date,
	coalesce(member_id, 0) FROM dev_candidates`

func scanDevCandidate(sc interface{ Scan(...any) error }) (DevCandidate, error) {
	var c DevCandidate
	err := sc.Scan(&c.ID, &c.Name, &c.Sex, &c.IDNumber, &c.BirthDate, &c.BranchID, &c.Phone, &c.Education, &c.Job,
		&c.ApplyDate, &c.MemberID)
	return c, err
}

// DevCandidateFilter narrows the candidate list; zero fields match all.
type DevCandidateFilter struct {
	BranchID int64
	MemberID int64
}

// DevCandidates lists the candidates (not deleted), by branch then application date.
func (s *Store) DevCandidates(ctx context.Context, f DevCandidateFilter) ([]DevCandidate, error) {
	where, args := []string{"deleted_at IS NULL"}, []any{}
	if f.BranchID != 0 {
		where, args = append(where, "branch_id = ?"), append(args, f.BranchID)
	}
	if f.MemberID != 0 {
		where, args = append(where, "member_id = ?"), append(args, f.MemberID)
	}
	var out []DevCandidate
	err := s.read(func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, devCandidateSelect+" WHERE "+strings.Join(where, " AND ")+
			" ORDER BY branch_id, apply_date, id", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanDevCandidate(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// DevCandidate reads one candidate.
func (s *Store) DevCandidate(ctx context.Context, id int64) (DevCandidate, error) {
	var c DevCandidate
	err := s.read(func(db *sql.DB) error {
		var err error
		c, err = scanDevCandidate(db.QueryRowContext(ctx, devCandidateSelect+" WHERE id = ? AND deleted_at IS NULL", id))
		if err == sql.ErrNoRows {
			return ErrNotFound
		}
		return err
	})
	return c, err
}

func (tx *Tx) loadDevCandidate(id int64) (DevCandidate, error) {
	c, err := scanDevCandidate(tx.queryRow(devCandidateSelect+" WHERE id = ? AND deleted_at IS NULL", id))
	if err == sql.ErrNoRows {
		return c, ErrNotFound
	}
	return c, err
}

// DevCandidateByIDNumber finds the candidate holding an ID number, or ErrNotFound.
func (tx *Tx) DevCandidateByIDNumber(idNumber string) (DevCandidate, error) {
	c, err := scanDevCandidate(tx.queryRow(devCandidateSelect+
		" WHERE id_number = ? AND id_number <> '' AND deleted_at IS NULL", idNumber))
	if err == sql.ErrNoRows {
		return c, ErrNotFound
	}
	return c, err
}

// SaveDevCandidate validates and stores a candidate (ID 0 inserts).
func (s *Store) SaveDevCandidate(ctx context.Context, role Role, c DevCandidate) (DevCandidate, []FieldIssue, error) {
	var out DevCandidate
	var warns []FieldIssue
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		out, warns, err = tx.SaveDevCandidate(role, c)
		return err
	})
	return out, warns, err
}

// SaveDevCandidate is SaveDevCandidate inside a transaction (the import
// saves many in one).
func (tx *Tx) SaveDevCandidate(role Role, c DevCandidate) (DevCandidate, []FieldIssue, error) {
	NormalizeDevCandidate(&c)
	if err := devCanWrite(role, c.BranchID); err != nil {
		return c, nil, err
	}
	is := CheckDevCandidate(&c, tx.today)
	if c.BranchID != 0 {
		b, err := tx.loadUnit(c.BranchID)
		switch {
		case err == ErrNotFound:
			is.Err("branch_id", "所选党支部不存在或已删除")
		case err != nil:
			return c, nil, err
		case b.Level != LevelBranch:
			is.Err("branch_id", "“%s”不是党支部", b.Name())
		}
	}
	if c.IDNumber != "" {
		other, err := tx.DevCandidateByIDNumber(c.IDNumber)
		switch {
		case err == nil && other.ID != c.ID:
			is.Err("id_number", "公民身份号码 %s 已登记为%s的发展党员档案", c.IDNumber, other.Name)
		case err != nil && err != ErrNotFound:
			return c, nil, err
		}
		m, err := tx.MemberByIDNumber(c.IDNumber)
		switch {
		case err == nil && m.ID != c.MemberID:
			is.Err("id_number", "公民身份号码 %s 已属于党员%s，不能再作为发展对象登记", c.IDNumber, m.Name)
		case err != nil && err != ErrNotFound:
			return c, nil, err
		}
	}
	if err := is.AsError(); err != nil {
		return c, is.Warnings, err
	}
	if c.ID == 0 {
		res, err := tx.exec(`INSERT INTO dev_candidates(name, sex, id_number, birth_date, branch_id, phone, education, job,
			apply_date, member_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			c.Name, c.Sex, c.IDNumber, c.BirthDate, c.BranchID, c.Phone, c.Education, c.Job, c.ApplyDate,
			nullID(c.MemberID), tx.at, tx.at)
		if err != nil {
			return c, nil, devUnique(err, c.IDNumber)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return c, nil, err
		}
		return c, is.Warnings, tx.audit(EntityDevCandidate, c.ID, ActionInsert, nil, c)
	}
	old, err := tx.loadDevCandidate(c.ID)
	if err != nil {
		return c, nil, err
	}
	if err := devCanWrite(role, old.BranchID); err != nil {
		return c, nil, err
	}
	if c.MemberID == 0 {
		c.MemberID = old.MemberID // the link to the roster is set by step 17, not by the form
	}
	if old == c {
		return c, is.Warnings, nil
	}
	if _, err := tx.exec(`UPDATE dev_candidates SET name = ?, sex = ?, id_number = ?, birth_date = ?, branch_id = ?,
		phone = ?, education = ?, job = ?, apply_date = ?, member_id = ?, updated_at = ? WHERE id = ?`,
		c.Name, c.Sex, c.IDNumber, c.BirthDate, c.BranchID, c.Phone, c.Education, c.Job, c.ApplyDate,
		nullID(c.MemberID), tx.at, c.ID); err != nil {
		return c, nil, devUnique(err, c.IDNumber)
	}
	return c, is.Warnings, tx.audit(EntityDevCandidate, c.ID, ActionUpdate, old, c)
}

func devUnique(err error, idNumber string) error {
	if isUniqueViolation(err) {
		return &ValidationError{Errors: []FieldIssue{{"id_number", "公民身份号码 " + idNumber + " 已登记为另一名发展对象"}}}
	}
	return err
}

// DeleteDevCandidate takes a candidate entered by mistake off the list (the
// row and its steps stay, marked deleted). Someone already on the roster
// is not deleted here: their dossier has its own life events.
func (s *Store) DeleteDevCandidate(ctx context.Context, role Role, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		old, err := tx.loadDevCandidate(id)
		if err != nil {
			return err
		}
		if err := devCanWrite(role, old.BranchID); err != nil {
			return err
		}
		if old.MemberID != 0 {
			return fmt.Errorf("%s已列入党员名册，不能删除其发展党员档案", old.Name)
		}
		if _, err := tx.exec("UPDATE dev_candidates SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		return tx.audit(EntityDevCandidate, id, ActionDelete, old, map[string]any{"id": id, "name": old.Name, "deleted": true})
	})
}

// ---- Step records ----

const devStepSelect = `SELECT id, candidate_id, step, date, note, vote_expected, vote_present, vote_yes, vote_no,
	vote_abstain, outcome, extend_months, training_days, training_hours, materials FROM dev_steps`

func scanDevStep(sc interface{ Scan(...any) error }) (DevStepRecord, error) {
	var r DevStepRecord
	var exp, pre, yes, no, abs sql.NullInt64
	var mats string
	err := sc.Scan(&r.ID, &r.CandidateID, &r.Step, &r.Date, &r.Note, &exp, &pre, &yes, &no, &abs, &r.Outcome,
		&r.ExtendMonths, &r.TrainingDays, &r.TrainingHours, &mats)
	if err != nil {
		return r, err
	}
	if exp.Valid {
		r.Vote = &DevVoteCount{Expected: int(exp.Int64), Present: int(pre.Int64), Yes: int(yes.Int64),
			No: int(no.Int64), Abstain: int(abs.Int64)}
	}
	json.Unmarshal([]byte(mats), &r.Materials)
	if len(r.Materials) == 0 {
		r.Materials = nil
	}
	return r, nil
}

func loadDevSteps(ctx context.Context, q querier, where string, args ...any) ([]DevStepRecord, error) {
	rows, err := q.QueryContext(ctx, devStepSelect+" WHERE deleted_at IS NULL AND "+where+" ORDER BY step, date, id", args...)
	if err != nil {
		return nil, err
	}
	var out []DevStepRecord
	for rows.Next() {
		r, err := scanDevStep(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	prows, err := q.QueryContext(ctx, `SELECT p.step_id, coalesce(p.member_id, 0), p.name, p.role, p.standing
		FROM dev_step_people p JOIN dev_steps s ON s.id = p.step_id
		WHERE s.deleted_at IS NULL AND s.`+where+` ORDER BY p.rowid`, args...)
	if err != nil {
		return nil, err
	}
	defer prows.Close()
	idx := map[int64]int{}
	for i, r := range out {
		idx[r.ID] = i
	}
	for prows.Next() {
		var id int64
		var p DevPerson
		if err := prows.Scan(&id, &p.MemberID, &p.Name, &p.Role, &p.Standing); err != nil {
			return nil, err
		}
		if i, ok := idx[id]; ok {
			out[i].People = append(out[i].People, p)
		}
	}
	return out, prows.Err()
}

// DevSteps lists the steps recorded for a candidate, by step then date.
func (s *Store) DevSteps(ctx context.Context, candidateID int64) ([]DevStepRecord, error) {
	var out []DevStepRecord
	err := s.read(func(db *sql.DB) error {
		var err error
		out, err = loadDevSteps(ctx, db, "candidate_id = ?", candidateID)
		return err
	})
	return out, err
}

func (tx *Tx) devSteps(candidateID int64) ([]DevStepRecord, error) {
	return loadDevSteps(tx.ctx, tx.tx, "candidate_id = ?", candidateID)
}

func (tx *Tx) loadDevStep(id int64) (DevStepRecord, error) {
	list, err := loadDevSteps(tx.ctx, tx.tx, "id = ?", id)
	if err != nil {
		return DevStepRecord{}, err
	}
	if len(list) == 0 {
		return DevStepRecord{}, ErrNotFound
	}
	return list[0], nil
}

// DevFiles reads the candidates matching f with their steps.
func (s *Store) DevFiles(ctx context.Context, f DevCandidateFilter) ([]DevFile, error) {
	cands, err := s.DevCandidates(ctx, f)
	if err != nil {
		return nil, err
	}
	var all []DevStepRecord
	err = s.read(func(db *sql.DB) error {
		var err error
		all, err = loadDevSteps(ctx, db, "candidate_id IN (SELECT id FROM dev_candidates WHERE deleted_at IS NULL)")
		return err
	})
	if err != nil {
		return nil, err
	}
	by := map[int64][]DevStepRecord{}
	for _, r := range all {
		by[r.CandidateID] = append(by[r.CandidateID], r)
	}
	out := make([]DevFile, len(cands))
	for i, c := range cands {
		out[i] = DevFile{Candidate: c, Steps: by[c.ID]}
	}
	return out, nil
}

// DevFileOf reads one candidate's whole file.
func (s *Store) DevFileOf(ctx context.Context, candidateID int64) (DevFile, error) {
	c, err := s.DevCandidate(ctx, candidateID)
	if err != nil {
		return DevFile{}, err
	}
	steps, err := s.DevSteps(ctx, candidateID)
	return DevFile{Candidate: c, Steps: steps}, err
}

// MemberDevelopment finds the development file that brought a member onto
// the roster, or ErrNotFound (members who joined before the module existed
// have none).
func (s *Store) MemberDevelopment(ctx context.Context, memberID int64) (DevFile, error) {
	if memberID == 0 {
		return DevFile{}, ErrNotFound
	}
	list, err := s.DevCandidates(ctx, DevCandidateFilter{MemberID: memberID})
	if err != nil {
		return DevFile{}, err
	}
	if len(list) == 0 {
		return DevFile{}, ErrNotFound
	}
	return s.DevFileOf(ctx, list[0].ID)
}

// checkDevStep refuses what cannot be a record: an unknown step, a missing
// or future date, impossible vote counts, an extension outside 6–12
// months. Lateness and order are warnings, found by CheckDevelopment.
func checkDevStep(r *DevStepRecord, today Date) Issues {
	var is Issues
	r.Note = strings.TrimSpace(r.Note)
	if r.Step < 1 || r.Step > DevStepCount {
		is.Err("step", "步骤应在第 1 至第 %d 步之间", DevStepCount)
	}
	if r.Date.IsZero() {
		is.Err("date", "请填写日期")
	} else if !r.Date.Valid() {
		is.Err("date", "日期无效")
	} else if r.Date.After(today) {
		is.Err("date", "日期不能晚于今天")
	}
	if r.Vote != nil {
		if r.Step != DevStepVote && r.Step != DevStepFullVote {
			r.Vote = nil
		} else if *r.Vote == (DevVoteCount{}) {
			r.Vote = nil
		} else if _, err := DevVote(r.Vote.Expected, r.Vote.Present, r.Vote.Yes, r.Vote.No, r.Vote.Abstain); err != nil {
			is.Err("vote", "%s", err.Error())
		}
	}
	if r.Step != DevStepFullVote {
		r.Outcome, r.ExtendMonths = "", 0
	}
	switch r.Outcome {
	case "", DevOutcomeFull, DevOutcomeCancel:
		r.ExtendMonths = 0
	case DevOutcomeExtend:
		if r.ExtendMonths < 6 || r.ExtendMonths > 12 {
			is.Err("extend_months", "延长预备期应为 6 至 12 个月")
		}
	default:
		is.Err("outcome", "转正决定应为“按期转正”“延长预备期”或“取消预备党员资格”")
	}
	if r.Step != DevStepTraining {
		r.TrainingDays, r.TrainingHours = 0, 0
	}
	if r.TrainingDays < 0 || r.TrainingHours < 0 {
		is.Err("training_days", "培训天数和学时不能为负数")
	}
	var people []DevPerson
	for _, p := range r.People {
		p.Name = strings.Join(strings.Fields(p.Name), "")
		if p.Name == "" && p.MemberID == 0 {
			continue
		}
		if p.Role != DevRoleCultivator && p.Role != DevRoleIntroducer {
			is.Err("people", "“%s”的身份应为培养联系人或入党介绍人", p.Name)
		}
		people = append(people, p)
	}
	r.People = people
	mats := map[string]bool{}
	var kept []string
	for _, m := range r.Materials {
		if m = strings.TrimSpace(m); m != "" && !mats[m] {
			mats[m] = true
			kept = append(kept, m)
		}
	}
	r.Materials = kept
	return is
}

// SaveDevStep validates and stores one step of a candidate's file (ID 0
// inserts), then brings the roster in line with the file (step 17, 23, 24)
// in the same transaction. The file's warnings come back; they never stop
// the save.
func (s *Store) SaveDevStep(ctx context.Context, role Role, r DevStepRecord) (DevStepRecord, []DevWarning, error) {
	var out DevStepRecord
	var warns []DevWarning
	p, err := s.DevProcess(ctx)
	if err != nil {
		return r, nil, err
	}
	err = s.Write(ctx, func(tx *Tx) error {
		var err error
		out, warns, err = tx.SaveDevStep(role, p, r)
		return err
	})
	return out, warns, err
}

// SaveDevStep is SaveDevStep inside a transaction, checked against p.
func (tx *Tx) SaveDevStep(role Role, p DevProcess, r DevStepRecord) (DevStepRecord, []DevWarning, error) {
	c, err := tx.loadDevCandidate(r.CandidateID)
	if err != nil {
		return r, nil, err
	}
	if err := devCanWrite(role, c.BranchID); err != nil {
		return r, nil, err
	}
	is := checkDevStep(&r, tx.today)
	if err := is.AsError(); err != nil {
		return r, nil, err
	}
	// People picked from the roster carry their name and 党籍 as of now.
	for i, pp := range r.People {
		if pp.MemberID == 0 {
			continue
		}
		m, err := tx.loadMember(pp.MemberID)
		if err == ErrNotFound {
			return r, nil, &ValidationError{Errors: []FieldIssue{{"people", "所选党员不存在或已删除"}}}
		} else if err != nil {
			return r, nil, err
		}
		r.People[i].Name, r.People[i].Standing = m.Name, m.Standing
	}
	mats, _ := json.Marshal(devNonNil(r.Materials))
	vote := [5]any{}
	if r.Vote != nil {
		vote = [5]any{r.Vote.Expected, r.Vote.Present, r.Vote.Yes, r.Vote.No, r.Vote.Abstain}
	}
	var old *DevStepRecord
	if r.ID == 0 {
		res, err := tx.exec(`INSERT INTO dev_steps(candidate_id, step, date, note, vote_expected, vote_present, vote_yes,
			vote_no, vote_abstain, outcome, extend_months, training_days, training_hours, materials, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, r.CandidateID, r.Step, r.Date, r.Note,
			vote[0], vote[1], vote[2], vote[3], vote[4], r.Outcome, r.ExtendMonths, r.TrainingDays, r.TrainingHours,
			string(mats), tx.at, tx.at)
		if err != nil {
			return r, nil, err
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return r, nil, err
		}
	} else {
		o, err := tx.loadDevStep(r.ID)
		if err != nil {
			return r, nil, err
		}
		if o.CandidateID != r.CandidateID {
			return r, nil, fmt.Errorf("步骤记录不属于%s", c.Name)
		}
		old = &o
		if _, err := tx.exec(`UPDATE dev_steps SET step = ?, date = ?, note = ?, vote_expected = ?, vote_present = ?,
			vote_yes = ?, vote_no = ?, vote_abstain = ?, outcome = ?, extend_months = ?, training_days = ?,
			training_hours = ?, materials = ?, updated_at = ? WHERE id = ?`, r.Step, r.Date, r.Note,
			vote[0], vote[1], vote[2], vote[3], vote[4], r.Outcome, r.ExtendMonths, r.TrainingDays, r.TrainingHours,
			string(mats), tx.at, r.ID); err != nil {
			return r, nil, err
		}
		if _, err := tx.exec("DELETE FROM dev_step_people WHERE step_id = ?", r.ID); err != nil {
			return r, nil, err
		}
	}
	for _, pp := range r.People {
		if _, err := tx.exec("INSERT INTO dev_step_people(step_id, member_id, name, role, standing) VALUES (?,?,?,?,?)",
			r.ID, nullID(pp.MemberID), pp.Name, pp.Role, pp.Standing); err != nil {
			return r, nil, err
		}
	}
	if old == nil {
		err = tx.audit(EntityDevStep, r.ID, ActionInsert, nil, r)
	} else {
		err = tx.audit(EntityDevStep, r.ID, ActionUpdate, *old, r)
	}
	if err != nil {
		return r, nil, err
	}
	steps, err := tx.devSteps(c.ID)
	if err != nil {
		return r, nil, err
	}
	if err := tx.applyDevRoster(&c, steps); err != nil {
		return r, nil, err
	}
	return r, p.Check(c, steps, tx.today), nil
}

// DeleteDevStep takes a step recorded by mistake off the file. What the
// step did to the roster stays: the dossier has its own history.
func (s *Store) DeleteDevStep(ctx context.Context, role Role, id int64) error {
	return s.Write(ctx, func(tx *Tx) error {
		old, err := tx.loadDevStep(id)
		if err != nil {
			return err
		}
		c, err := tx.loadDevCandidate(old.CandidateID)
		if err != nil {
			return err
		}
		if err := devCanWrite(role, c.BranchID); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE dev_steps SET deleted_at = ?, updated_at = ? WHERE id = ?", tx.at, tx.at, id); err != nil {
			return err
		}
		return tx.audit(EntityDevStep, id, ActionDelete, old, map[string]any{"id": id, "step": old.Step, "deleted": true})
	})
}

// ---- Materials ----

// AddDevMaterial keeps a material's file (a scan, a photo) for a step, in
// the app's storage like meeting attachments, and notes the material as
// on file.
func (s *Store) AddDevMaterial(ctx context.Context, role Role, stepID int64, material, src string) (Attachment, error) {
	var rec DevStepRecord
	var cand DevCandidate
	err := s.read(func(db *sql.DB) error {
		list, err := loadDevSteps(ctx, db, "id = ?", stepID)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return ErrNotFound
		}
		rec = list[0]
		cand, err = scanDevCandidate(db.QueryRowContext(ctx, devCandidateSelect+" WHERE id = ?", rec.CandidateID))
		return err
	})
	if err != nil {
		return Attachment{}, err
	}
	if err := devCanWrite(role, cand.BranchID); err != nil {
		return Attachment{}, err
	}
	a, err := s.addAttachment(ctx, EntityDevStep, stepID, src) // role checked above for the candidate's branch
	if err != nil {
		return a, err
	}
	material = strings.TrimSpace(material)
	for _, m := range rec.Materials {
		if m == material {
			return a, nil
		}
	}
	if material == "" {
		return a, nil
	}
	rec.Materials = append(rec.Materials, material)
	_, _, err = s.SaveDevStep(ctx, role, rec)
	return a, err
}

// DevMaterials lists the files kept for a step.
func (s *Store) DevMaterials(ctx context.Context, stepID int64) ([]Attachment, error) {
	return s.Attachments(ctx, EntityDevStep, stepID)
}

// ---- The roster ----

// DevExpectedVoters is 应到 of a branch vote on a day: the branch's 正式党员
// with voting rights then — on the roster, 转正 by that day (or with no
// 转正 date known), and not 停止党籍 or gone.
func (s *Store) DevExpectedVoters(ctx context.Context, branchID int64, day Date) (int, error) {
	var n int
	err := s.read(func(db *sql.DB) error {
		return db.QueryRowContext(ctx, `SELECT count(*) FROM members WHERE deleted_at IS NULL AND branch_id = ?
			AND standing = ? AND status NOT IN (`+historyStatusList+`)
			AND (full_date IS NULL OR full_date <= ?) AND (join_date IS NULL OR join_date <= ?)`,
			branchID, StandingFull, day, day).Scan(&n)
	})
	return n, err
}

// devPeople are the names of the people of a role on the file's steps.
func devPeople(steps []DevStepRecord, step int, role string) []string {
	var out []string
	for _, r := range steps {
		if r.Step != step {
			continue
		}
		for _, p := range r.People {
			if p.Role == role && p.Name != "" {
				out = append(out, p.Name)
			}
		}
	}
	return out
}

func devFirst(steps []DevStepRecord, n int) Date {
	var d Date
	for _, r := range steps {
		if r.Step == n && !r.Date.IsZero() && (d.IsZero() || r.Date.Before(d)) {
			d = r.Date
		}
	}
	return d
}

// DevMemberOf is the dossier a file makes when step 17 approves the
// candidate: 预备党员 with 入党时间 = the 支部大会 date. Dates the file has
// out of order are left off the dossier (the file keeps them), so an
// inverted ledger still joins the roster.
func DevMemberOf(c DevCandidate, steps []DevStepRecord) Member {
	m := Member{Name: c.Name, Sex: c.Sex, IDNumber: c.IDNumber, BirthDate: c.BirthDate, Phone: c.Phone,
		Education: c.Education, WorkUnit: c.Job, BranchID: c.BranchID, Standing: StandingProbationary,
		Status: StatusNormal}
	m.JoinDate = DevJoinDate(steps)
	dates := []*Date{&m.ApplyDate, &m.ActivistDate, &m.CandidateDate}
	vals := []Date{devFirst(steps, DevStepApply), devFirst(steps, DevStepActivist), devFirst(steps, DevStepCandidate)}
	if vals[0].IsZero() {
		vals[0] = c.ApplyDate
	}
	limit := m.JoinDate
	for i := len(dates) - 1; i >= 0; i-- {
		if vals[i].IsZero() || (!limit.IsZero() && vals[i].After(limit)) {
			continue
		}
		*dates[i], limit = vals[i], vals[i]
	}
	intro := devPeople(steps, DevStepIntroducers, DevRoleIntroducer)
	if len(intro) > 0 {
		m.Introducer1 = intro[0]
	}
	if len(intro) > 1 {
		m.Introducer2 = intro[1]
	}
	m.Cultivator = strings.Join(devPeople(steps, DevStepCultivators, DevRoleCultivator), "、")
	return m
}

// applyDevRoster brings the roster in line with the file: step 17 puts
// the candidate on it (or links the dossier already holding the ID
// number), step 24 makes them 正式党员 from the day probation ended, and a
// 取消预备党员资格 records 出党 through the dossier's life events.
func (tx *Tx) applyDevRoster(c *DevCandidate, steps []DevStepRecord) error {
	if devFirst(steps, DevStepApproval).IsZero() {
		return nil
	}
	if c.MemberID == 0 {
		var m Member
		if c.IDNumber != "" {
			found, err := tx.MemberByIDNumber(c.IDNumber)
			if err != nil && err != ErrNotFound {
				return err
			}
			m = found
		}
		if m.ID == 0 {
			m = DevMemberOf(*c, steps)
			if b, err := tx.loadUnit(c.BranchID); err == nil {
				m.JoinBranch = b.FullName
			}
			// The caller (SaveDevStep) checked the role for the candidate's
			// branch, which is the new dossier's branch.
			saved, _, err := tx.SaveMember(RoleOffice, m)
			if err != nil {
				return devRosterError(c.Name, err)
			}
			m = saved
		}
		old := *c
		c.MemberID = m.ID
		if _, err := tx.exec("UPDATE dev_candidates SET member_id = ?, updated_at = ? WHERE id = ?", c.MemberID, tx.at, c.ID); err != nil {
			return err
		}
		if err := tx.audit(EntityDevCandidate, c.ID, ActionUpdate, old, *c); err != nil {
			return err
		}
	}
	m, err := tx.loadMember(c.MemberID)
	if err != nil {
		return err
	}
	switch {
	case DevCancelled(steps):
		if m.Status == StatusExpelled || m.Standing == StandingFull {
			return nil
		}
		d := DevFileDecision(steps)
		return tx.recordDevEvent(m, MemberEvent{MemberID: m.ID, Kind: EventStatus, Date: d, Status: StatusExpelled,
			Note: DevOutcomeCancel})
	case !devFirst(steps, DevStepFullApproval).IsZero() && m.Standing != StandingFull:
		full := DevFullDate(steps)
		if full.IsZero() {
			return nil
		}
		if b, err := tx.loadUnit(m.BranchID); err == nil && m.FullBranch == "" {
			m.FullBranch = b.FullName
		}
		return tx.recordDevEvent(m, MemberEvent{MemberID: m.ID, Kind: EventFull, Date: full, Note: "发展党员档案第 24 步批准转正"})
	}
	return nil
}

// DevFileDecision is the date of the last step-23 decision (0 when none).
func DevFileDecision(steps []DevStepRecord) Date {
	var d Date
	for _, r := range steps {
		if r.Step == DevStepFullVote && r.Date.After(d) {
			d = r.Date
		}
	}
	return d
}

func devRosterError(name string, err error) error {
	if ve, ok := err.(*ValidationError); ok {
		var msgs []string
		for _, e := range ve.Errors {
			msgs = append(msgs, e.Msg)
		}
		return fmt.Errorf("上级党委已审批，但无法将%s列入党员名册：%s", name, strings.Join(msgs, "；"))
	}
	return err
}

// recordDevEvent is RecordEvent inside the development transaction: the
// event changes the dossier and both are stored, with audit rows, so the
// dossier's history shows the 转正 or the 取消.
func (tx *Tx) recordDevEvent(m Member, e MemberEvent) error {
	next, err := ApplyEvent(m, e)
	if err != nil {
		return err
	}
	// The role was checked for the candidate's branch by SaveDevStep.
	if _, _, err := tx.SaveMember(RoleOffice, next); err != nil {
		return devRosterError(m.Name, err)
	}
	details, _ := json.Marshal(e)
	res, err := tx.exec("INSERT INTO member_events(member_id, kind, date, details, note, created_at) VALUES (?,?,?,?,?,?)",
		e.MemberID, e.Kind, e.Date, string(details), e.Note, tx.at)
	if err != nil {
		return err
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return tx.audit(EntityEvent, e.ID, ActionInsert, nil, e)
}

// ---- How the 操作日志 reads the module's records ----

func devFormatVote(v any, _ *AuditNames) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	return fmt.Sprintf("应到 %s 人，实到 %s 人，赞成 %s 票，反对 %s 票，弃权 %s 票",
		fmtJSONValue(m["expected"]), fmtJSONValue(m["present"]), fmtJSONValue(m["yes"]),
		fmtJSONValue(m["no"]), fmtJSONValue(m["abstain"]))
}

func devFormatList(v any, _ *AuditNames) string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		out = append(out, fmtJSONValue(x))
	}
	return strings.Join(out, "、")
}

func devFormatPeople(v any, _ *AuditNames) string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		m, _ := x.(map[string]any)
		s := fmtJSONValue(m["name"])
		if r := fmtJSONValue(m["role"]); r != "" {
			s = r + " " + s
		}
		if st := fmtJSONValue(m["standing"]); st != "" {
			s += "（" + st + "）"
		}
		out = append(out, s)
	}
	return strings.Join(out, "、")
}

func devFormatStep(v any, _ *AuditNames) string {
	s := fmtJSONValue(v)
	if s == "" {
		return ""
	}
	var n int
	fmt.Sscan(s, &n)
	if n >= 1 && n <= DevStepCount {
		return fmt.Sprintf("第 %d 步 %s", n, DefaultDevProcess().Step(n).Name)
	}
	return s
}
