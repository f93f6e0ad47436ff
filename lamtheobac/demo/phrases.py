"""Sentences the demo's grassroots organisations write in their reports on 545-CV/ĐUK (sơ kết
01 năm thực hiện Kết luận số 01-KL/TW), one list per top-level section of its outline.

Placeholders are filled per unit by ``activity.report_answers``: ``{org}`` "Đảng bộ"/"Chi bộ",
``{committee}`` "Đảng ủy"/"Chi ủy", ``{agency}`` the agency's short name, and the numbers named
in each sentence. They only need to read like the reports offices send, not to be true.
"""

from __future__ import annotations

# I. Công tác lãnh đạo, chỉ đạo triển khai thực hiện.
LEADERSHIP_LEADS = [
    "Ngay sau khi nhận Kế hoạch số 53-KH/ĐUK của Ban Thường vụ Đảng ủy Khối, {committee} đã ban "
    "hành {documents} văn bản lãnh đạo, chỉ đạo thực hiện Kết luận số 01-KL/TW, trong đó có kế "
    "hoạch thực hiện cả nhiệm kỳ và kế hoạch năm 2022.",
    "{org} đã ban hành kế hoạch thực hiện Kết luận số 01-KL/TW sát với chức năng, nhiệm vụ của "
    "{agency}, xác định rõ nội dung trọng tâm, người chịu trách nhiệm và thời gian hoàn thành.",
    "{committee} đã xây dựng kế hoạch thực hiện Kết luận số 01-KL/TW và đưa nội dung học tập và "
    "làm theo Bác vào chương trình công tác năm của cấp ủy và của {agency}.",
]
LEADERSHIP_BRIEFING = (
    "{committee} đã tổ chức quán triệt Kết luận số 01-KL/TW và Kế hoạch số 53-KH/ĐUK đến "
    "{attended}/{members} đảng viên (đạt {attended_share})."
)
LEADERSHIP_BRIEFING_MAKEUP = (
    "{committee} đã tổ chức quán triệt Kết luận số 01-KL/TW và Kế hoạch số 53-KH/ĐUK đến "
    "{attended}/{members} đảng viên (đạt {attended_share}); đảng viên vắng mặt có lý do đã được "
    "học bù."
)
LEADERSHIP_EXTRAS = [
    "{org} phối hợp với Công đoàn, Chi đoàn cơ quan lồng ghép việc thực hiện Kết luận với phong "
    "trào thi đua yêu nước và nhiệm vụ chính trị của {agency}.",
    "Việc triển khai được thực hiện nghiêm túc, đúng thời gian theo yêu cầu của Đảng ủy Khối.",
    "{committee} phân công đồng chí Phó Bí thư trực tiếp theo dõi, đôn đốc việc thực hiện.",
]

# II. Kết quả thực hiện.
RESULTS_PLEDGES = (
    "Có {registered}/{members} đảng viên đăng ký nội dung tu dưỡng, rèn luyện theo tư tưởng, đạo "
    "đức, phong cách Hồ Chí Minh năm 2022 gắn với chức trách, nhiệm vụ được giao (đạt "
    "{registered_share})."
)
RESULTS_SESSIONS = (
    "{who} tổ chức {sessions} buổi sinh hoạt chuyên đề về học tập và làm theo Bác, tập trung vào "
    "chủ đề “{topic}”."
)
RESULTS_VAGUE = (
    "Đảng viên trong {org_lower} đã đăng ký nội dung tu dưỡng, rèn luyện theo quy định; sinh hoạt "
    "chuyên đề được tổ chức theo kế hoạch."
)
SESSION_TOPICS = [
    "Nêu cao tinh thần trách nhiệm, tận tụy phục vụ Nhân dân",
    "Cán bộ, đảng viên nói đi đôi với làm",
    "Học Bác về tinh thần tự học, tự rèn luyện",
    "Giữ gìn đạo đức công vụ, phòng chống biểu hiện suy thoái",
    "Thực hành tiết kiệm, chống lãng phí trong cơ quan",
    "Đoàn kết, kỷ cương, đổi mới, hiệu quả",
]
RESULTS_MODELS = (
    "Xây dựng {models} mô hình học tập và làm theo Bác, tiêu biểu là mô hình “{model}”."
)
MODEL_NAMES = [
    "Cơ quan không giấy tờ",
    "Một cửa thân thiện",
    "Ngày thứ Bảy tình nguyện",
    "Mỗi cán bộ, đảng viên một việc làm theo Bác",
    "Dân vận khéo trong tiếp công dân",
    "Góc học tập và làm theo Bác",
    "Tiết kiệm điện, nước, văn phòng phẩm",
    "Nhận đỡ đầu học sinh nghèo vượt khó",
]
RESULTS_EXTRAS = [
    "Cấp ủy viên và người đứng đầu {agency} gương mẫu thực hiện chuẩn mực đạo đức, công khai nội "
    "dung đăng ký làm theo để đảng viên, quần chúng giám sát.",
    "{agency} đã bổ sung chuẩn mực đạo đức của cán bộ, công chức, viên chức vào quy chế văn hóa "
    "công sở và tổ chức ký cam kết thực hiện.",
    "Nhân kỷ niệm 132 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2022), {org_lower} tổ "
    "chức thi tìm hiểu về cuộc đời, sự nghiệp của Người với {entrants} lượt người tham gia.",
    "Nhân kỷ niệm 92 năm Ngày thành lập Đảng, {org_lower} tổ chức tọa đàm về tấm gương đạo đức Hồ "
    "Chí Minh và thăm, tặng quà {families} gia đình chính sách.",
    "Chi đoàn cơ quan tổ chức {outings} đợt ra quân tình nguyện với {volunteers} lượt đoàn viên "
    "tham gia.",
]
RESULTS_OVERSIGHT_COMMITTEE = (
    "Ban Thường vụ Đảng ủy đã kiểm tra, giám sát việc thực hiện tại {checked} chi bộ trực thuộc."
)
RESULTS_OVERSIGHT_CELL = (
    "Chi bộ đưa kết quả làm theo Bác vào tiêu chí đánh giá, xếp loại đảng viên cuối năm."
)

# III. Hạn chế, nguyên nhân.
SHORTCOMINGS = [
    "Một số đảng viên đăng ký nội dung làm theo còn chung chung, chưa gắn với nhiệm vụ chuyên môn "
    "cụ thể.",
    "Sinh hoạt chuyên đề có lúc còn hình thức, ít ý kiến thảo luận, chưa gắn với giải quyết những "
    "việc khó của cơ quan.",
    "Việc phát hiện, bồi dưỡng, nhân rộng các điển hình, mô hình hay còn chậm.",
    "Công tác tuyên truyền trên trang thông tin điện tử của {agency} về việc học tập và làm theo "
    "Bác chưa thường xuyên.",
    "Việc tự kiểm tra, đánh giá kết quả thực hiện chưa kịp thời.",
]
CAUSES = [
    "Nguyên nhân chủ yếu là khối lượng công việc chuyên môn lớn, nhiều cấp ủy viên kiêm nhiệm nên "
    "chưa dành thời gian thỏa đáng cho công tác này.",
    "Nguyên nhân là một số đảng viên chưa nhận thức đầy đủ ý nghĩa của việc học tập và làm theo "
    "Bác, còn xem đây là việc riêng của cấp ủy.",
    "Nguyên nhân một phần do ảnh hưởng của dịch Covid-19, nhiều buổi sinh hoạt phải tổ chức trực "
    "tuyến hoặc lùi thời gian.",
]

# IV. Tiếp tục thực hiện thời gian tới.
NEXT_STEPS = [
    "Tiếp tục quán triệt Kết luận số 01-KL/TW đến đảng viên mới kết nạp và đảng viên chuyển sinh "
    "hoạt đến.",
    "Chỉ đạo đảng viên rà soát, bổ sung bản đăng ký làm theo cho cụ thể, sát với chức trách, nhiệm "
    "vụ; đưa kết quả thực hiện vào đánh giá, xếp loại đảng viên cuối năm.",
    "Duy trì sinh hoạt chuyên đề hằng quý, chọn chủ đề gắn với những việc khó, việc mới của "
    "{agency}.",
    "Tiếp tục xây dựng, nhân rộng các mô hình học tập và làm theo Bác; kịp thời biểu dương, khen "
    "thưởng những tập thể, cá nhân tiêu biểu.",
    "Đẩy mạnh tuyên truyền gương người tốt, việc tốt trên trang thông tin điện tử và các nhóm mạng "
    "xã hội của cơ quan.",
    "Tăng cường kiểm tra, giám sát việc thực hiện, gắn với thực hiện Nghị quyết Trung ương 4 khóa "
    "XII và Kết luận số 21-KL/TW khóa XIII.",
]
