#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {

void SqlSubjectRepository::put(const Subject& subject, const SubjectKey& key) {
  guarded("store identifying details", [&] {
    const std::string details = subject.details.canonical();
    NullableText dob(key.date_of_birth), dod(key.date_of_death);
    run_kept(statements_,
             "INSERT INTO case_subjects (case_id, details, salt, nhs_number, given_name, family_name, "
             "date_of_birth, date_of_death) VALUES (:c, :d, :s, :n, :g, :f, :b, :x) "
             "ON CONFLICT (case_id) DO UPDATE SET details = excluded.details, salt = excluded.salt, "
             "nhs_number = excluded.nhs_number, given_name = excluded.given_name, "
             "family_name = excluded.family_name, date_of_birth = excluded.date_of_birth, "
             "date_of_death = excluded.date_of_death",
             soci::use(subject.case_id), soci::use(details), soci::use(subject.salt), soci::use(key.nhs_number),
             soci::use(key.given_name), soci::use(key.family_name), soci::use(dob.text, dob.ind),
             soci::use(dod.text, dod.ind));
  });
}

std::optional<Subject> SqlSubjectRepository::find(long long case_id) {
  return guarded("read identifying details", [&]() -> std::optional<Subject> {
    std::string details, salt;
    PreparedStatement prepared = statements_.take("SELECT details, salt FROM case_subjects WHERE case_id = :c");
    bind_all(prepared, soci::into(details), soci::into(salt), soci::use(case_id));
    soci::statement& st = *prepared;
    if (!st.execute(true)) return std::nullopt;
    return Subject{case_id, Json::parse(details), salt};
  });
}

std::vector<long long> SqlSubjectRepository::matching_cases(long long partnership_id, const std::string& kind,
                                                            const SubjectKey& key) {
  return guarded("look for possible duplicates", [&] {
    // The database narrows by NHS number or name; SubjectKey::matches decides.
    long long id = 0;
    SubjectKey stored;
    std::string dob, dod;
    soci::indicator dob_i{}, dod_i{};
    const std::string nhs = key.nhs_number.empty() ? "-" : key.nhs_number;
    PreparedStatement prepared = statements_.take(
        "SELECT c.id, s.nhs_number, s.given_name, s.family_name, s.date_of_birth, s.date_of_death "
        "FROM case_subjects s JOIN cases c ON c.id = s.case_id "
        "WHERE c.partnership_id = :p AND c.kind = :k AND "
        "(s.nhs_number = :n OR (s.family_name = :f AND s.given_name = :g)) ORDER BY c.id");
    bind_all(prepared, soci::into(id), soci::into(stored.nhs_number), soci::into(stored.given_name),
             soci::into(stored.family_name), soci::into(dob, dob_i), soci::into(dod, dod_i), soci::use(partnership_id),
             soci::use(kind), soci::use(nhs), soci::use(key.family_name), soci::use(key.given_name));
    soci::statement& st = *prepared;
    std::vector<long long> out;
    st.execute();
    while (st.fetch()) {
      stored.date_of_birth = stored_optional_date(dob, dob_i);
      stored.date_of_death = stored_optional_date(dod, dod_i);
      if (stored.matches(key)) out.push_back(id);
    }
    return out;
  });
}

std::vector<long long> SqlSubjectRepository::cases_matching_identity(long long partnership_id,
                                                                     const CaseSearch& search) {
  return guarded("search by a child's identity", [&] {
    // Names are stored folded (SubjectKey); a name word begins a word of the
    // given or family name, a double-barrelled name's parts included.
    std::vector<std::string> any;
    if (!search.nhs_number.empty()) any.emplace_back("s.nhs_number = :n");
    const std::string dob = search.date_of_birth ? search.date_of_birth->iso() : "";
    if (search.date_of_birth) any.emplace_back("s.date_of_birth = :b");
    std::vector<std::string> word_patterns;
    std::string all_words;
    for (std::size_t i = 0; i < search.name_words.size(); ++i) {
      word_patterns.push_back("% " + like_escaped(search.name_words[i]) + "%");
      all_words += std::string(all_words.empty() ? "" : " AND ") +
                   "(' ' || replace(s.given_name, '-', ' ') || ' ' || replace(s.family_name, '-', ' ')) LIKE :w" +
                   std::to_string(i) + " ESCAPE '\\'";
    }
    if (!all_words.empty()) any.push_back("(" + all_words + ")");
    std::vector<long long> out;
    if (any.empty()) return out;
    std::string either;
    for (const std::string& condition : any) either += (either.empty() ? "" : " OR ") + condition;
    long long id = 0;
    PreparedStatement prepared = statements_.take(
        // The subjects first (CROSS JOIN keeps SQLite to that order): a search
        // by name words alone then reads only the index of names, which holds
        // both names, where going case by case would read each subject's row.
        "SELECT c.id FROM case_subjects s CROSS JOIN cases c WHERE c.id = s.case_id AND c.partnership_id = :p AND (" +
        either + ") ORDER BY c.id");
    soci::statement& st = *prepared;
    st.exchange(soci::into(id));
    st.exchange(soci::use(partnership_id));
    if (!search.nhs_number.empty()) st.exchange(soci::use(search.nhs_number));
    if (search.date_of_birth) st.exchange(soci::use(dob));
    for (const std::string& pattern : word_patterns) st.exchange(soci::use(pattern));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
  });
}

std::vector<Subject> SqlSubjectRepository::in_partnership(long long partnership_id) {
  return guarded("read the partnership's identifying details", [&] {
    long long case_id = 0;
    std::string details, salt;
    PreparedStatement prepared = statements_.take(
        "SELECT s.case_id, s.details, s.salt FROM case_subjects s "
        "JOIN cases c ON c.id = s.case_id WHERE c.partnership_id = :p "
        "ORDER BY s.case_id");
    bind_all(prepared, soci::into(case_id), soci::into(details), soci::into(salt), soci::use(partnership_id));
    soci::statement& st = *prepared;
    std::vector<Subject> out;
    st.execute();
    while (st.fetch()) out.push_back(Subject{case_id, Json::parse(details), salt});
    return out;
  });
}

bool SqlSubjectRepository::erase(long long case_id) {
  return guarded("erase a case's subject", [&] {
    PreparedStatement prepared = statements_.take("DELETE FROM case_subjects WHERE case_id = :c");
    bind_all(prepared, soci::use(case_id));
    soci::statement& st = *prepared;
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

int refold_subject_keys(soci::session& session) {
  struct Row {
    long long case_id;
    SubjectKey stored;
    SubjectKey folded;
  };
  std::vector<Row> rows;
  {
    long long id = 0;
    std::string details;
    Row row{};
    soci::statement st = (session.prepare << "SELECT case_id, details, nhs_number, given_name, family_name "
                                             "FROM case_subjects ORDER BY case_id",
                          soci::into(id), soci::into(details), soci::into(row.stored.nhs_number),
                          soci::into(row.stored.given_name), soci::into(row.stored.family_name));
    st.execute();
    while (st.fetch()) {
      row.case_id = id;
      row.folded = SubjectKey::from_facts(Json::parse(details));
      rows.push_back(row);
    }
  }
  int changed = 0;
  for (const Row& row : rows) {
    const SubjectKey& k = row.folded;
    if (k.nhs_number == row.stored.nhs_number && k.given_name == row.stored.given_name &&
        k.family_name == row.stored.family_name) {
      continue;
    }
    session << "UPDATE case_subjects SET nhs_number = :n, given_name = :g, family_name = :f WHERE case_id = :c",
        soci::use(k.nhs_number), soci::use(k.given_name), soci::use(k.family_name), soci::use(row.case_id);
    ++changed;
  }
  return changed;
}

}  // namespace casereview::db
