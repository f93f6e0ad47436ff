"""Word lists for the demo committee: Vietnamese names, positions and provincial agencies.

Weights are rough shares as they appear in staff lists of a central-coast province (Quảng
Nam): Nguyễn about four in ten, Huỳnh and Võ more common than Hoàng and Vũ, "Thị" as the
usual women's middle name. They only need to look real, not to be census figures.
"""

from __future__ import annotations

from typing import NamedTuple

# (family name, weight per thousand)
FAMILY_NAMES: list[tuple[str, int]] = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Huỳnh", 45),
    ("Võ", 40),
    ("Phan", 40),
    ("Hoàng", 25),
    ("Vũ", 15),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 18),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đoàn", 8),
    ("Trương", 10),
    ("Mai", 5),
    ("Đinh", 6),
    ("Lương", 4),
    ("Tô", 2),
    ("Châu", 3),
    ("Thái", 3),
    ("Ông", 2),
    ("Âu", 1),
    ("Ung", 1),
]

# (middle name, weight); a second middle word is added now and then (see SECOND_MIDDLE_*).
MALE_MIDDLE_NAMES: list[tuple[str, int]] = [
    ("Văn", 30),
    ("Đức", 8),
    ("Minh", 8),
    ("Hữu", 6),
    ("Quang", 6),
    ("Công", 6),
    ("Tấn", 5),
    ("Thanh", 5),
    ("Ngọc", 4),
    ("Xuân", 4),
    ("Đình", 4),
    ("Quốc", 4),
    ("Trọng", 3),
    ("Tiến", 3),
    ("Anh", 3),
    ("Duy", 3),
    ("Hoàng", 3),
    ("Bá", 2),
    ("Phước", 2),
    ("Nhật", 2),
]
FEMALE_MIDDLE_NAMES: list[tuple[str, int]] = [
    ("Thị", 45),
    ("Thu", 6),
    ("Ngọc", 6),
    ("Thanh", 5),
    ("Hồng", 4),
    ("Kim", 4),
    ("Minh", 3),
    ("Mỹ", 3),
    ("Phương", 3),
    ("Thùy", 3),
    ("Bảo", 2),
    ("Diệu", 2),
    ("Khánh", 2),
    ("Hoài", 2),
    ("Như", 2),
]
# Words that follow the first middle name when there are two ("Nguyễn Thị Thu Hà").
SECOND_MIDDLE_MALE = ["Minh", "Quốc", "Thanh", "Anh", "Hoàng", "Nhật"]
SECOND_MIDDLE_FEMALE = ["Thu", "Ngọc", "Thanh", "Kim", "Hồng", "Mỹ", "Minh", "Bích", "Diệu", "Hoài"]
SECOND_MIDDLE_SHARE = {"male": 0.1, "female": 0.22}

MALE_GIVEN_NAMES = [
    "An", "Anh", "Bảo", "Bình", "Cường", "Công", "Dũng", "Duy", "Đạt", "Định", "Đông", "Đức",
    "Giang", "Hải", "Hào", "Hiếu", "Hiển", "Hòa", "Hoàng", "Hùng", "Hưng", "Huy", "Khánh",
    "Khoa", "Kiên", "Lâm", "Lộc", "Long", "Lực", "Minh", "Nam", "Nghĩa", "Nhân", "Phong",
    "Phúc", "Phước", "Quang", "Quân", "Quốc", "Sang", "Sơn", "Tài", "Tâm", "Thái", "Thắng",
    "Thành", "Thiện", "Thịnh", "Thông", "Tiến", "Tín", "Toàn", "Trí", "Trung", "Trường",
    "Tú", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Vương", "Ân", "Ơn", "Ưng",
]  # fmt: skip
FEMALE_GIVEN_NAMES = [
    "An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh",
    "Hằng", "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Hường", "Khánh", "Lan", "Liên", "Linh",
    "Loan", "Ly", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương",
    "Phượng", "Quyên", "Quỳnh", "Tâm", "Thanh", "Thảo", "Thơ", "Thủy", "Thư", "Trang",
    "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến", "Ý",
]  # fmt: skip
FEMALE_SHARE = 0.46

# Positions of ordinary staff, (title, weight); leaders' titles are built from the unit.
MEMBER_POSITIONS: list[tuple[str, int]] = [
    ("Chuyên viên", 40),
    ("Chuyên viên chính", 12),
    ("Phó Trưởng phòng", 6),
    ("Kế toán", 4),
    ("Văn thư", 3),
    ("Thanh tra viên", 3),
    ("Kiểm soát viên", 2),
    ("Viên chức", 8),
    ("Nhân viên", 6),
]
NON_MEMBER_POSITIONS: list[tuple[str, int]] = [
    ("Chuyên viên", 30),
    ("Viên chức", 15),
    ("Nhân viên", 20),
    ("Kế toán", 4),
    ("Văn thư", 4),
    ("Lái xe", 5),
    ("Bảo vệ", 3),
    ("Nhân viên hợp đồng", 8),
]


class Agency(NamedTuple):
    """A provincial agency whose party organisation belongs to the Đảng ủy Khối.

    ``cells`` lists the subordinate cells of a đảng bộ cơ sở ("Văn phòng" becomes "Chi bộ
    Văn phòng"); an empty tuple means the agency has a chi bộ cơ sở and no cells.
    """

    name: str
    head: str  # the agency head's title as written after "Bí thư Đảng ủy, …"
    cells: tuple[str, ...] = ()


GRASSROOTS_COMMITTEE_AGENCIES: list[Agency] = [
    Agency(
        "Sở Tài chính",
        "Giám đốc Sở",
        (
            "Văn phòng",
            "Phòng Quản lý ngân sách",
            "Phòng Tài chính doanh nghiệp",
            "Phòng Quản lý giá và công sản",
            "Phòng Tài chính hành chính sự nghiệp",
            "Thanh tra Sở",
        ),
    ),
    Agency(
        "Sở Giáo dục và Đào tạo",
        "Giám đốc Sở",
        (
            "Văn phòng",
            "Phòng Giáo dục Trung học",
            "Phòng Giáo dục Mầm non và Tiểu học",
            "Phòng Kế hoạch và Tài chính",
            "Phòng Tổ chức cán bộ",
            "Thanh tra Sở",
        ),
    ),
    Agency(
        "Bảo hiểm xã hội tỉnh",
        "Giám đốc",
        (
            "Văn phòng",
            "Phòng Quản lý thu",
            "Phòng Chế độ bảo hiểm xã hội",
            "Phòng Giám định bảo hiểm y tế",
            "Phòng Kế hoạch và Tài chính",
            "Phòng Kiểm tra",
        ),
    ),
    Agency(
        "Kho bạc Nhà nước tỉnh",
        "Giám đốc",
        ("Văn phòng", "Phòng Kế toán nhà nước", "Phòng Kiểm soát chi", "Phòng Thanh tra"),
    ),
    Agency("Sở Y tế", "Giám đốc Sở", ("Văn phòng", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược")),
    Agency(
        "Sở Kế hoạch và Đầu tư",
        "Giám đốc Sở",
        ("Văn phòng", "Phòng Tổng hợp, quy hoạch", "Phòng Đăng ký kinh doanh"),
    ),
    Agency(
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Giám đốc Sở",
        (
            "Văn phòng",
            "Chi cục Thủy lợi",
            "Chi cục Kiểm lâm",
            "Chi cục Trồng trọt và Bảo vệ thực vật",
            "Chi cục Phát triển nông thôn",
        ),
    ),
    Agency(
        "Sở Giao thông vận tải",
        "Giám đốc Sở",
        ("Văn phòng", "Phòng Quản lý vận tải", "Phòng Quản lý kết cấu hạ tầng giao thông"),
    ),
    Agency("Sở Xây dựng", "Giám đốc Sở", ("Văn phòng", "Phòng Quản lý xây dựng")),
    Agency(
        "Sở Tài nguyên và Môi trường",
        "Giám đốc Sở",
        ("Văn phòng", "Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường", "Thanh tra Sở"),
    ),
    Agency(
        "Sở Lao động - Thương binh và Xã hội",
        "Giám đốc Sở",
        ("Văn phòng", "Phòng Lao động - Việc làm", "Phòng Người có công"),
    ),
    Agency(
        "Sở Văn hóa, Thể thao và Du lịch",
        "Giám đốc Sở",
        (
            "Văn phòng",
            "Phòng Quản lý văn hóa",
            "Phòng Quản lý thể dục thể thao",
            "Phòng Quản lý du lịch",
        ),
    ),
    Agency(
        "Sở Nội vụ",
        "Giám đốc Sở",
        ("Văn phòng", "Phòng Tổ chức, biên chế", "Ban Thi đua - Khen thưởng"),
    ),
    Agency(
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Chánh Văn phòng",
        (
            "Phòng Hành chính - Tổ chức",
            "Phòng Tổng hợp",
            "Phòng Kinh tế",
            "Trung tâm Hành chính công",
        ),
    ),
    Agency(
        "Cục Thuế tỉnh",
        "Cục trưởng",
        (
            "Văn phòng",
            "Phòng Kê khai và Kế toán thuế",
            "Phòng Thanh tra - Kiểm tra",
            "Phòng Tuyên truyền - Hỗ trợ người nộp thuế",
            "Phòng Quản lý hộ kinh doanh",
        ),
    ),
    Agency("Sở Công Thương", "Giám đốc Sở", ("Văn phòng", "Phòng Quản lý thương mại")),
    Agency(
        "Sở Khoa học và Công nghệ",
        "Giám đốc Sở",
        (
            "Văn phòng",
            "Phòng Quản lý khoa học",
            "Trung tâm Thông tin và Ứng dụng khoa học công nghệ",
        ),
    ),
    Agency(
        "Đài Phát thanh - Truyền hình tỉnh",
        "Giám đốc",
        ("Văn phòng", "Phòng Thời sự", "Phòng Chuyên đề", "Phòng Kỹ thuật - Công nghệ"),
    ),
    Agency(
        "Trường Chính trị tỉnh",
        "Hiệu trưởng",
        ("Phòng Tổ chức - Hành chính", "Khoa Xây dựng Đảng", "Khoa Nhà nước và pháp luật"),
    ),
]

GRASSROOTS_CELL_AGENCIES: list[Agency] = [
    Agency("Sở Tư pháp", "Giám đốc Sở"),
    Agency("Ban Dân tộc tỉnh", "Trưởng ban"),
    Agency("Sở Thông tin và Truyền thông", "Giám đốc Sở"),
    Agency("Sở Ngoại vụ", "Giám đốc Sở"),
    Agency("Thanh tra tỉnh", "Chánh Thanh tra"),
    Agency("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "Chánh Văn phòng"),
    Agency("Báo Quảng Nam", "Tổng Biên tập"),
    Agency("Liên minh Hợp tác xã tỉnh", "Chủ tịch"),
    Agency("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "Chủ tịch"),
    Agency("Hội Văn học - Nghệ thuật tỉnh", "Chủ tịch"),
    Agency("Hội Chữ thập đỏ tỉnh", "Chủ tịch"),
    Agency("Ban Quản lý Khu kinh tế mở Chu Lai", "Trưởng ban"),
    Agency("Quỹ Đầu tư phát triển tỉnh", "Giám đốc"),
    Agency("Cục Thống kê tỉnh", "Cục trưởng"),
    Agency("Ngân hàng Nhà nước Chi nhánh tỉnh", "Giám đốc"),
    Agency("Cục Quản lý thị trường tỉnh", "Cục trưởng"),
    Agency("Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp", "Giám đốc"),
    Agency("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh", "Giám đốc"),
    Agency("Ban Quản lý Khu bảo tồn thiên nhiên Sông Thanh", "Trưởng ban"),
]

# Boards (BOARD) and mass organisations (MASS_ORGANISATION) of the committee: (name, short name).
BOARDS: list[tuple[str, str]] = [
    ("Ban Tuyên giáo Đảng ủy Khối", "Ban Tuyên giáo"),
    ("Ban Tổ chức Đảng ủy Khối", "Ban Tổ chức"),
    ("Ủy ban Kiểm tra Đảng ủy Khối", "Ủy ban Kiểm tra"),
    ("Văn phòng Đảng ủy Khối", "Văn phòng"),
]
MASS_ORGANISATIONS: list[tuple[str, str]] = [
    ("Đoàn Khối các cơ quan tỉnh", "Đoàn Khối"),
    ("Công đoàn Viên chức tỉnh", "Công đoàn Viên chức"),
]


def cell_head(cell: str) -> str:
    """The title of the head of the office a subordinate cell is named after ("Trưởng phòng")."""
    for prefix, title in (
        ("Văn phòng", "Chánh Văn phòng"),
        ("Phòng", "Trưởng phòng"),
        ("Chi cục", "Chi cục trưởng"),
        ("Khoa", "Trưởng khoa"),
        ("Thanh tra", "Chánh Thanh tra"),
        ("Trung tâm", "Giám đốc Trung tâm"),
        ("Ban", "Trưởng ban"),
    ):
        if cell.startswith(prefix):
            return title
    return "Trưởng đơn vị"
